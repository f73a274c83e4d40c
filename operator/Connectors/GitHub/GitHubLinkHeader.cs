namespace Cerby.Operator.Connectors.GitHub;

/// <summary>Reads the <c>rel="next"</c> URL of a Link header (RFC 8288), as GitHub pages its lists.</summary>
internal static class GitHubLinkHeader
{
    /// <summary>The next page's URL; null when there is none (the last page, or a list that fits one page).</summary>
    public static string? Next(string? link)
    {
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        foreach (var part in link.Split(','))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var target = pieces[0];
            if (target.StartsWith('<') && target.EndsWith('>')
                && pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal).Equals("rel=\"next\"", StringComparison.OrdinalIgnoreCase)))
            {
                return target[1..^1];
            }
        }

        return null;
    }
}
