using System.Globalization;
using System.Text.Json;
using Cerby.Operator.Connectors.ConnectorHttp;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// Reads a whole offset-paged list (reference section 4): <c>page</c> from 1 with <c>page_size</c>, until
/// <c>page_info.page</c> reaches <c>page_info.total_page</c>. A list is complete or the read throws: a page without
/// <c>list</c> or <c>page_info</c>, a page that answers another page number, an item seen twice, or more pages than the
/// bound are <see cref="ConnectorErrorKind.InvalidResponse"/>.
/// </summary>
internal sealed class TikTokPager(TikTokClient client, TikTokConnectorOptions options)
{
    /// <summary>Every item of the list at <paramref name="path"/>; <paramref name="idOf"/> names an item for the duplicate check.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadAllAsync(string path, IReadOnlyList<KeyValuePair<string, string>> query, int pageSize,
        Func<JsonElement, string> idOf, CallTally tally, CancellationToken cancellationToken)
    {
        var guard = new PageGuard($"TikTok /{path}", options.MaxPages);
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var number = page.ToString(CultureInfo.InvariantCulture);
            guard.BeginPage(number);
            var data = await client.GetAsync(path,
                [.. query, new("page", number), new("page_size", pageSize.ToString(CultureInfo.InvariantCulture))], tally, cancellationToken).ConfigureAwait(false);
            if (!data.TryGetProperty("list", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw guard.Invalid($"page {page} has no \"list\"");
            }

            if (!data.TryGetProperty("page_info", out var info) || !Int(info, "page", out var answered) || !Int(info, "total_page", out var totalPages))
            {
                throw guard.Invalid($"page {page} has no readable \"page_info\" (page, total_page)");
            }

            if (answered != page)
            {
                throw guard.Invalid($"page {page} was asked for and page {answered} came back (a page loop)");
            }

            foreach (var item in list.EnumerateArray())
            {
                guard.AddItem(idOf(item));
                items.Add(item);
            }

            if (page >= totalPages)
            {
                return items;
            }
        }
    }

    private static bool Int(JsonElement info, string field, out int value)
    {
        value = 0;
        return info.ValueKind == JsonValueKind.Object && info.TryGetProperty(field, out var element) && element.TryGetInt32(out value);
    }
}
