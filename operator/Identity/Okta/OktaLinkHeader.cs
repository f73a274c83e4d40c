namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// The <c>Link: &lt;url&gt;; rel="next"</c> header Okta pages with. Okta sends one header line per link; a single
/// comma-joined value is tolerated too.
/// </summary>
internal static class OktaLinkHeader
{
    /// <summary>
    /// The next page, or null on the last page. A next link to another origin than the org is refused: following it
    /// would send the org's credentials elsewhere.
    /// </summary>
    public static Uri? Next(HttpResponseMessage response, Uri org)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(SplitLinks))
        {
            var close = link.IndexOf('>', StringComparison.Ordinal);
            var open = link.IndexOf('<', StringComparison.Ordinal);
            if (open < 0 || close <= open || !IsNext(link[(close + 1)..]))
            {
                continue;
            }

            var next = new Uri(org, link[(open + 1)..close]);
            if (Uri.Compare(next, org, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new OktaApiException($"Okta sent a next link to another origin ({next.GetLeftPart(UriPartial.Authority)}); it is not followed");
            }

            return next;
        }

        return null;
    }

    private static IEnumerable<string> SplitLinks(string value)
    {
        // A comma separates links only outside <…>.
        var start = 0;
        var inUrl = false;
        for (var i = 0; i < value.Length; i++)
        {
            inUrl = value[i] switch { '<' => true, '>' => false, _ => inUrl };
            if (value[i] == ',' && !inUrl)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }

        yield return value[start..];
    }

    private static bool IsNext(string parameters) =>
        parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next");
}
