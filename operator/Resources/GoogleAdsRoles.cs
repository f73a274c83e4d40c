namespace Cerby.Operator.Resources;

/// <summary>The AccessRole values a hub may map its roles to (reference section 5); UNSPECIFIED and UNKNOWN are sentinels.</summary>
internal static class GoogleAdsRoles
{
    /// <summary>ADMIN, STANDARD, READ_ONLY, EMAIL_ONLY, most privileged first.</summary>
    public static IReadOnlyList<string> All { get; } = ["ADMIN", "STANDARD", "READ_ONLY", "EMAIL_ONLY"];

    /// <summary>Whether <paramref name="role"/> is an access role Google Ads can set.</summary>
    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
