using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>
/// Runs a GAQL query through <c>googleAds:search</c> and follows <c>nextPageToken</c> with the same query text until a
/// page has none (reference section 7; the page size is Google's, 10,000 rows, and may not be set). The rows are
/// complete or the read throws: a page token seen twice, a row on two pages, too many pages or a row without its
/// resource are <see cref="ConnectorErrorKind.InvalidResponse"/>.
/// </summary>
internal sealed class GoogleAdsSearch(GoogleAdsClient client, GoogleAdsConnectorOptions options)
{
    private const string Method = "googleAds:search";

    /// <summary>The inner objects of every row, e.g. each row's <c>customerUserAccess</c>, for <paramref name="rowKey"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadAllAsync(string query, string rowKey, CallTally tally, CancellationToken cancellationToken)
    {
        var guard = new PageGuard($"Google Ads {rowKey} rows", options.MaxPages);
        var rows = new List<JsonElement>();
        string? token = null;
        do
        {
            guard.BeginPage(token ?? "(first)");
            var body = new JsonObject { ["query"] = query };
            if (token is not null)
            {
                body["pageToken"] = token;
            }

            var page = await client.PostAsync(Method, body, readOnly: true, tally, cancellationToken).ConfigureAwait(false);
            if (page.TryGetProperty("results", out var results))
            {
                if (results.ValueKind != JsonValueKind.Array)
                {
                    throw guard.Invalid("\"results\" is not a list");
                }

                foreach (var result in results.EnumerateArray())
                {
                    var row = result.ValueKind == JsonValueKind.Object && result.TryGetProperty(rowKey, out var inner) && inner.ValueKind == JsonValueKind.Object
                        ? inner
                        : throw guard.Invalid($"a row has no \"{rowKey}\" object");
                    guard.AddItem(GoogleAdsRowFields.Required(row, "resourceName", rowKey));
                    rows.Add(row);
                }
            }

            token = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String && next.GetString() is { Length: > 0 } nextToken
                ? nextToken
                : null;
        }
        while (token is not null);

        return rows;
    }
}
