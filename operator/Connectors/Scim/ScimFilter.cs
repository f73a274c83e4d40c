namespace Cerby.Operator.Connectors.Scim;

/// <summary>SCIM filter query strings (RFC 7644 §3.4.2.2).</summary>
internal static class ScimFilter
{
    /// <summary>"filter=attribute eq "value"", the literal escaped and the whole URL-encoded.</summary>
    public static string Equal(string attribute, string value) =>
        "filter=" + Uri.EscapeDataString($"{attribute} eq \"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
}
