namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// Builds filter text a server parses with <see cref="ScimFilterParser"/> (RFC 7644 §3.4.2.2): string literals in
/// double quotes with <c>\</c> and <c>"</c> escaped as in JSON, so a value never ends the literal early.
/// </summary>
internal static class ScimFilterText
{
    /// <summary>A string literal: <c>"a\"b"</c> for <c>a"b</c>.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary><c>attribute eq "value"</c>.</summary>
    public static string Equal(string attribute, string value) => $"{attribute} eq {Quote(value)}";

    /// <summary>A value path selecting the elements of a multi-valued attribute whose sub-attribute equals a value: <c>members[value eq "…"]</c>.</summary>
    public static string ValuePath(string attribute, string subAttribute, string value) => $"{attribute}[{Equal(subAttribute, value)}]";

    /// <summary>The URL query parameter <c>filter=…</c> for a filter, URL-encoded.</summary>
    public static string Query(string filter) => "filter=" + Uri.EscapeDataString(filter);
}
