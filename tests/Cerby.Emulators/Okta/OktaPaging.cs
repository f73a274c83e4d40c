using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Okta;

/// <summary>
/// Okta's cursor paging: <c>limit</c> and an opaque <c>after</c> (here the last id served), answered with separate
/// <c>link</c> header lines: always <c>rel="self"</c>, and <c>rel="next"</c> only while more items exist.
/// </summary>
internal static class OktaPaging
{
    public static IReadOnlyList<T> Page<T>(HttpContext context, IReadOnlyList<T> ordered, Func<T, string> key, int defaultLimit, int maxLimit, bool loop)
    {
        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 1, maxLimit) : defaultLimit;
        var after = query["after"].ToString();
        var remaining = ordered.Where(i => after.Length == 0 || string.CompareOrdinal(key(i), after) > 0).ToList();
        var page = remaining.Take(limit).ToList();
        AddLink(context, Url(context, null), "self");
        if (loop && after.Length > 0)
        {
            AddLink(context, Url(context, after), "next");
        }
        else if (remaining.Count > page.Count)
        {
            AddLink(context, Url(context, key(page[^1])), "next");
        }

        return page;
    }

    public static void AddLink(HttpContext context, string url, string rel) => context.Response.Headers.Append("link", $"<{url}>; rel=\"{rel}\"");

    /// <summary>The request's absolute URL with <c>after</c> replaced (or kept, when <paramref name="after"/> is null).</summary>
    public static string Url(HttpContext context, string? after, params string[] drop)
    {
        var request = context.Request;
        var pairs = request.Query.Where(q => (after is null || q.Key != "after") && !drop.Contains(q.Key))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .ToList();
        if (after is not null)
        {
            pairs.Add(new("after", after));
        }

        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(pairs)}";
    }
}
