using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>
/// Reads every resource of an endpoint page by page (RFC 7644 §3.4.2.4): <c>startIndex</c> is 1-based and advances by
/// the number of resources each page held, until <c>totalResults</c> are read. The read fails with InvalidResponse,
/// never returning part of the list, when totalResults is missing or changes between pages, a page answers another
/// startIndex than asked, a page is empty before the end, a resource appears twice, or more arrive than announced.
/// </summary>
internal sealed class ScimListReader(ScimApi api)
{
    private const int MaxPages = 100_000;

    /// <summary>All resources of <paramref name="endpoint"/> ("Users", "Groups"), each checked to have an id.</summary>
    public Task<IReadOnlyList<JsonObject>> ReadAllAsync(string endpoint, int pageSize, CallTally calls, CancellationToken cancellationToken) =>
        ReadAllAsync(endpoint, pageSize, calls, resource => resource, cancellationToken);

    /// <summary>
    /// All resources of <paramref name="endpoint"/>, each checked to have an id and mapped as its page arrives: the JSON
    /// of a page does not outlive it (30,000 users held as JSON trees would be hundreds of MB).
    /// </summary>
    public async Task<IReadOnlyList<T>> ReadAllAsync<T>(string endpoint, int pageSize, CallTally calls, Func<JsonObject, T> map, CancellationToken cancellationToken)
    {
        var guard = new PageGuard(endpoint, MaxPages);
        var resources = new List<T>();
        int? announced = null;
        for (var startIndex = 1; ; )
        {
            guard.BeginPage(startIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var page = (await api.GetAsync($"{endpoint}?startIndex={startIndex}&count={pageSize}", calls, cancellationToken)).Object;
            var total = ScimListResponse.TotalResults(page) ?? throw guard.Invalid($"the page at startIndex {startIndex} has no integer totalResults");
            if (announced is { } first && first != total)
            {
                throw guard.Invalid($"totalResults changed from {first} to {total} during the read");
            }

            announced = total;
            if (ScimListResponse.StartIndex(page) is { } answered && answered != startIndex)
            {
                throw guard.Invalid($"asked for startIndex {startIndex}, the app answered startIndex {answered} (a page loop)");
            }

            var items = ScimListResponse.ResourcesNode(page) switch
            {
                null => [],
                JsonArray array => array,
                _ => throw guard.Invalid($"the page at startIndex {startIndex} has Resources that is not an array"),
            };
            foreach (var item in items)
            {
                var resource = item as JsonObject ?? throw guard.Invalid($"the page at startIndex {startIndex} holds something that is not an object");
                var id = resource["id"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
                    ? text
                    : throw guard.Invalid($"the page at startIndex {startIndex} holds a resource without an id");
                guard.AddItem(id);
                resources.Add(map(resource));
            }

            if (resources.Count > total)
            {
                throw guard.Invalid($"{resources.Count} resources arrived but totalResults is {total}");
            }

            if (resources.Count == total)
            {
                return resources;
            }

            if (items.Count == 0)
            {
                throw guard.Invalid($"the page at startIndex {startIndex} is empty after {resources.Count} of {total} resources");
            }

            startIndex += items.Count;
        }
    }
}
