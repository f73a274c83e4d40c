namespace Cerby.Operator.Connectors.Scim;

/// <summary>
/// How a SCIM app shows that the operator provisioned a user: the operator writes <c>externalId = "cerby:" + userKey</c>
/// (the lower-case email) when it creates the user, and a user whose externalId starts with <c>cerby:</c> is
/// <see cref="Planning.ActualMember.Managed"/>. externalId is the provisioning client's own field in SCIM (RFC 7643
/// §3.1), so no other client writes it for a user the operator created. A user that already existed (409 on add) is
/// adopted without touching its externalId: it stays unmanaged, so the operator never claims what it did not create.
/// </summary>
internal static class ScimManagedMarker
{
    private const string Prefix = "cerby:";

    /// <summary>The externalId written on users the operator creates.</summary>
    public static string For(string userKey) => Prefix + userKey;

    /// <summary>Whether an externalId carries the marker.</summary>
    public static bool IsManaged(string? externalId) => externalId?.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true;
}
