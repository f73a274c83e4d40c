namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// A PATCH path (RFC 7644 §3.5.2): an attribute path, or a value path that selects elements of a multi-valued attribute
/// with a filter and optionally names a sub-attribute of them, e.g. <c>members[value eq "…"]</c> or
/// <c>emails[type eq "work"].value</c>. A malformed path is a 400 with scimType invalidPath.
/// </summary>
internal sealed record ScimPatchPath(ScimAttributePath Attribute, ScimFilter? Filter, string? FilteredSubAttribute)
{
    public static ScimPatchPath Parse(string text)
    {
        var open = text.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return new ScimPatchPath(AttributeOf(text, text), null, null);
        }

        var close = text.LastIndexOf(']');
        if (close < open)
        {
            throw ScimException.InvalidPath($"path \"{text}\" has an unclosed '['");
        }

        var attribute = AttributeOf(text[..open], text);
        if (attribute.SubAttribute is not null || attribute.Attribute is null)
        {
            throw ScimException.InvalidPath($"path \"{text}\" filters something that is not a multi-valued attribute");
        }

        ScimFilter filter;
        try
        {
            filter = ScimFilterParser.Parse(text[(open + 1)..close]);
        }
        catch (ScimException e)
        {
            throw ScimException.InvalidPath($"path \"{text}\" has an invalid filter: {e.Message}");
        }

        var after = text[(close + 1)..];
        string? sub = null;
        if (after.Length > 0)
        {
            if (after[0] != '.' || ScimAttributePath.TryParse(after[1..]) is not { Schema: null, SubAttribute: null, Attribute: { } name })
            {
                throw ScimException.InvalidPath($"path \"{text}\" has an invalid sub-attribute after the filter");
            }

            sub = name;
        }

        return new ScimPatchPath(attribute, filter, sub);
    }

    private static ScimAttributePath AttributeOf(string text, string whole) =>
        ScimAttributePath.TryParse(text.Trim()) ?? throw ScimException.InvalidPath($"path \"{whole}\" is not an attribute path");
}
