using System.Text.Json;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// Reads a whole cursor-paged edge (reference section 6): asks for <c>limit</c> items, follows <c>paging.cursors.after</c>
/// while <c>paging.next</c> is present (its absence is the only end-of-list signal). A list is complete or the read
/// throws: a page without <c>data</c>, a <c>next</c> without a cursor, a cursor seen before, or more pages than the
/// bound are <see cref="ConnectorErrorKind.InvalidResponse"/>.
/// </summary>
/// <remarks>The connector builds each page's URL from the cursor rather than fetching <c>next</c>, so requests stay on the
/// hub's base URL and version, and a <c>next</c> link (which may carry a token) is never logged.</remarks>
internal sealed class MetaPager(MetaGraphClient client, MetaConnectorOptions options)
{
    /// <summary>Every item of the edge. <paramref name="edgeWithQuery"/> already holds its query, e.g. "123/business_users?fields=id,email".</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadAllAsync(string edgeWithQuery, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var edge = edgeWithQuery.Split('?')[0];
        var items = new List<JsonElement>();
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        for (var page = 1; ; page++)
        {
            if (page > options.MaxPages)
            {
                throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta's /{edge} went on past {options.MaxPages} pages; taken as a page loop");
            }

            var url = $"{edgeWithQuery}{(edgeWithQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?')}limit={options.PageSize}"
                + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var body = await client.GetAsync(url, tally, cancellationToken).ConfigureAwait(false);
            if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta answered /{edge} (page {page}) without a \"data\" list");
            }

            items.AddRange(data.EnumerateArray());
            if (!body.TryGetProperty("paging", out var paging) || MetaJson.OptionalString(paging, "next") is null)
            {
                return items;
            }

            after = paging.TryGetProperty("cursors", out var cursors) ? MetaJson.OptionalString(cursors, "after") : null;
            if (string.IsNullOrEmpty(after))
            {
                throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta answered /{edge} (page {page}) with a next page but no \"after\" cursor");
            }

            if (!seenCursors.Add(after))
            {
                throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta's /{edge} returned a cursor it had returned before (page {page}): a page loop");
            }
        }
    }
}
