namespace Cerby.Emulators.LinkedIn;

/// <summary>
/// Parses Rest.li keys and lists as the reference says clients send them: a compound key <c>(account:…,user:…)</c>
/// with percent-encoded or raw URNs, the fully encoded form, and the doc sample's <c>(account=…,user=…)</c>;
/// a list <c>List(a,b)</c> or a bare value.
/// </summary>
internal static class LinkedInRestKey
{
    /// <summary>The fields of a compound key, by name; null when it is not one.</summary>
    public static Dictionary<string, string>? Compound(string segment)
    {
        var text = Uri.UnescapeDataString(segment);
        if (!text.StartsWith('(') || !text.EndsWith(')'))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text[1..^1].Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var at = colon < 0 ? equals : equals < 0 ? colon : Math.Min(colon, equals);
            if (at <= 0)
            {
                return null;
            }

            fields[part[..at]] = part[(at + 1)..];
        }

        return fields;
    }

    /// <summary>The first value of a <c>List(…)</c> parameter, or the bare value.</summary>
    public static string First(string parameter)
    {
        var text = Uri.UnescapeDataString(parameter);
        if (text.StartsWith("List(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            text = text[5..^1];
        }

        return text.Split(',')[0];
    }
}
