using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Okta;

/// <summary>
/// <c>GET /api/v1/logs</c>: <c>since</c> (inclusive), <c>until</c> (exclusive), <c>after</c> (the sequence of the last
/// event served), <c>limit</c> (default 100, at most 1000), <c>sortOrder</c>. Without <c>until</c> it is the polling
/// stream: <c>rel="next"</c> is always there, even on an empty page. With <c>until</c> the query is bounded and ends.
/// </summary>
internal sealed class OktaLogEndpoint(OktaOrg org, OktaFaults faults)
{
    private readonly HashSet<long> _redelivered = [];

    public Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.ContainsKey("filter") || query.ContainsKey("q"))
        {
            return Invalid(context, "the emulator does not support filter or q on the System Log");
        }

        if (query.ContainsKey("after") && query.ContainsKey("since"))
        {
            return Invalid(context, "after and since cannot be used together");
        }

        var now = org.Time.GetUtcNow();
        if (!TryTime(query["since"], now.AddDays(-7), out var since) || !TryTime(query["until"], now, out var until)
            || !long.TryParse(query["after"].FirstOrDefault() ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture, out var after))
        {
            return Invalid(context, "since, until and after must be ISO 8601 times and a cursor");
        }

        if (since < now.AddDays(-180))
        {
            return Invalid(context, "since must be within the last 180 days");
        }

        var limit = int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 0, 1000) : 100;
        var polling = !query.ContainsKey("until");
        var descending = query["sortOrder"] == "DESCENDING";
        var (served, more, before) = org.Read(v =>
        {
            var matching = v.Log.Where(e => e.Sequence > after && (after > 0 || e.Published >= since) && (polling || e.Published < until)).ToList();
            var page = (descending ? Enumerable.Reverse(matching) : matching).Take(limit).ToList();
            return (page, matching.Count > page.Count, v.Log.Where(e => e.Published < since).Select(e => e.Sequence).DefaultIfEmpty(0).Max());
        });

        OktaPaging.AddLink(context, OktaPaging.Url(context, null), "self");
        if (polling || more)
        {
            // An empty page keeps the cursor where it was; a redelivery fault points one event back, once per event.
            var cursor = served.Count == 0 ? Math.Max(after, before) : served[^1].Sequence - (Redeliver(served[^1].Sequence) ? 1 : 0);
            OktaPaging.AddLink(context, OktaPaging.Url(context, cursor.ToString(CultureInfo.InvariantCulture), "since"), "next");
        }

        return OktaApiHandler.Write(context, 200, served.Select(OktaResources.LogEvent).ToList());
    }

    private bool Redeliver(long sequence)
    {
        lock (_redelivered)
        {
            return faults.RedeliverLastLogEvent && _redelivered.Add(sequence);
        }
    }

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static Task Invalid(HttpContext context, string cause) =>
        OktaApiHandler.Write(context, 400, OktaResources.Error("E0000053", "Invalid filter / search parameter", cause));
}
