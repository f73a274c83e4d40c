using System.Globalization;
using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;
using Microsoft.AspNetCore.Http;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The Users and Groups endpoints: list (filter, attributes, startIndex/count paging), create (201 with Location),
/// read, replace (PUT), patch (users answer 200 with the user, groups 204 so members are not echoed) and delete (204).
/// </summary>
internal static class ScimResourceHandler
{
    public static Task CollectionAsync(ScimExchange exchange, ScimResourceKind kind) => exchange.Method switch
    {
        "GET" => ListAsync(exchange, kind),
        "POST" => CreateAsync(exchange, kind),
        _ => throw MethodNotAllowed(exchange),
    };

    public static async Task ItemAsync(ScimExchange exchange, ScimResourceKind kind, string id)
    {
        var request = exchange.Http.Request;
        var ifMatch = request.Headers.IfMatch.ToString();
        switch (exchange.Method)
        {
            case "GET":
                await exchange.RefreshAsync();
                var resource = exchange.Store.Get(kind, id) ?? throw ScimException.NotFound($"{kind} {id} not found");
                if (request.Headers.IfNoneMatch.ToString() == resource.ETag)
                {
                    exchange.NoContent(StatusCodes.Status304NotModified);
                    return;
                }

                await WriteAsync(exchange, StatusCodes.Status200OK, resource, Projection(request));
                return;
            case "PUT":
                var replacement = await exchange.ReadBodyAsync();
                ScimQuota.CheckReplace(exchange, kind, replacement);
                await WriteAsync(exchange, StatusCodes.Status200OK, await exchange.MutateAsync(store => store.Replace(kind, id, replacement, ifMatch)), Projection(request));
                return;
            case "PATCH":
                var patch = await exchange.ReadBodyAsync();
                ScimQuota.CheckPatch(exchange, kind, id, patch);
                var patched = await exchange.MutateAsync(store => store.Patch(kind, id, patch, ifMatch));
                if (kind == ScimResourceKind.Group)
                {
                    exchange.Http.Response.Headers.ETag = patched.ETag;
                    exchange.NoContent();
                    return;
                }

                await WriteAsync(exchange, StatusCodes.Status200OK, patched, Projection(request));
                return;
            case "DELETE":
                await exchange.MutateAsync(store =>
                {
                    store.Delete(kind, id, ifMatch);
                    return true;
                });
                exchange.NoContent();
                return;
            default:
                throw MethodNotAllowed(exchange);
        }
    }

    private static async Task ListAsync(ScimExchange exchange, ScimResourceKind kind)
    {
        var query = exchange.Http.Request.Query;
        var filter = query["filter"].ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? ScimFilterParser.Parse(text) : null;
        var projection = Projection(exchange.Http.Request);
        var startIndex = Math.Max(1, Integer(query, "startIndex") ?? 1);
        var count = Math.Clamp(Integer(query, "count") ?? exchange.Options.MaxResults, 0, exchange.Options.MaxResults);

        await exchange.RefreshAsync();
        IEnumerable<ScimStoredResource> candidates = exchange.Store.List(kind);
        if (filter?.AsEquality() is (var attribute, JsonValue value) && value.TryGetValue<string>(out var wanted))
        {
            // userName/externalId/displayName eq "…" is what Okta and Entra ask before every create: narrow without rendering.
            var comparison = attribute.Equals("externalId", StringComparison.OrdinalIgnoreCase) || attribute.Equals("id", StringComparison.OrdinalIgnoreCase)
                ? StringComparison.Ordinal
                : StringComparison.OrdinalIgnoreCase;
            candidates = candidates.Where(r => attribute.Equals("id", StringComparison.OrdinalIgnoreCase) ? r.Id == wanted : string.Equals(r.String(attribute), wanted, comparison));
        }

        // Without a filter only the page is rendered (Okta's import pages through everything).
        var matches = filter is null
            ? candidates.ToList()
            : candidates.Where(r => filter.Matches(ScimRender.Resource(r, exchange.BaseUrl))).ToList();
        var page = matches.Skip(startIndex - 1).Take(count).Select(r => projection.Apply(ScimRender.Resource(r, exchange.BaseUrl)));
        await exchange.WriteAsync(StatusCodes.Status200OK, ScimListResponse.Create(page, matches.Count, startIndex));
    }

    private static async Task CreateAsync(ScimExchange exchange, ScimResourceKind kind)
    {
        var body = await exchange.ReadBodyAsync();
        ScimQuota.CheckCreate(exchange, kind, body);
        var created = await exchange.MutateAsync(store => store.Create(kind, body));
        await WriteAsync(exchange, StatusCodes.Status201Created, created, Projection(exchange.Http.Request), ScimRender.Location(created, exchange.BaseUrl));
    }

    private static Task WriteAsync(ScimExchange exchange, int status, ScimStoredResource resource, ScimProjection projection, string? location = null) =>
        exchange.WriteAsync(status, projection.Apply(ScimRender.Resource(resource, exchange.BaseUrl)), resource.ETag, location);

    private static ScimProjection Projection(HttpRequest request) =>
        ScimProjection.Parse(request.Query["attributes"].ToString(), request.Query["excludedAttributes"].ToString());

    private static int? Integer(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ScimException.InvalidValue($"{name} must be an integer");
    }

    public static ScimException MethodNotAllowed(ScimExchange exchange) =>
        new(StatusCodes.Status405MethodNotAllowed, null, $"{exchange.Method} is not supported here");
}
