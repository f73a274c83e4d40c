using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The Users and Groups endpoints: list (filter, attributes, startIndex/count paging), create (201 with Location),
/// read, replace (PUT), patch (users answer 200 with the user, groups 204 so members are not echoed) and delete (204).
/// </summary>
internal static class ScimInboundResourceHandler
{
    public static Task CollectionAsync(ScimInboundExchange exchange, ScimResourceKind kind) => exchange.Method switch
    {
        "GET" => ListAsync(exchange, kind),
        "POST" => CreateAsync(exchange, kind),
        _ => throw MethodNotAllowed(exchange),
    };

    public static async Task ItemAsync(ScimInboundExchange exchange, ScimResourceKind kind, string id)
    {
        var request = exchange.Http.Request;
        var ifMatch = request.Headers.IfMatch.ToString();
        switch (exchange.Method)
        {
            case "GET":
                await exchange.RefreshAsync();
                var resource = exchange.Store.Get(kind, id) ?? throw ScimInboundException.NotFound($"{kind} {id} not found");
                if (request.Headers.IfNoneMatch.ToString() == resource.ETag)
                {
                    exchange.NoContent(StatusCodes.Status304NotModified);
                    return;
                }

                await WriteAsync(exchange, StatusCodes.Status200OK, resource, Projection(request));
                return;
            case "PUT":
                var replacement = await exchange.ReadBodyAsync();
                ScimInboundQuota.CheckReplace(exchange, kind, replacement);
                await WriteAsync(exchange, StatusCodes.Status200OK, await exchange.MutateAsync(store => store.Replace(kind, id, replacement, ifMatch)), Projection(request));
                return;
            case "PATCH":
                var patch = await exchange.ReadBodyAsync();
                ScimInboundQuota.CheckPatch(exchange, kind, id, patch);
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

    private static async Task ListAsync(ScimInboundExchange exchange, ScimResourceKind kind)
    {
        var query = exchange.Http.Request.Query;
        var filter = query["filter"].ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? ScimInboundFilterParser.Parse(text) : null;
        var projection = Projection(exchange.Http.Request);
        var startIndex = Math.Max(1, Integer(query, "startIndex") ?? 1);
        var count = Math.Clamp(Integer(query, "count") ?? exchange.Options.MaxResults, 0, exchange.Options.MaxResults);

        await exchange.RefreshAsync();
        IEnumerable<ScimInboundResource> candidates = exchange.Store.List(kind);
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
            : candidates.Where(r => filter.Matches(ScimInboundRender.Resource(r, exchange.BaseUrl))).ToList();
        var page = matches.Skip(startIndex - 1).Take(count).Select(r => projection.Apply(ScimInboundRender.Resource(r, exchange.BaseUrl)));
        await exchange.WriteAsync(StatusCodes.Status200OK, ScimInboundRender.List(page, matches.Count, startIndex));
    }

    private static async Task CreateAsync(ScimInboundExchange exchange, ScimResourceKind kind)
    {
        var body = await exchange.ReadBodyAsync();
        ScimInboundQuota.CheckCreate(exchange, kind, body);
        var created = await exchange.MutateAsync(store => store.Create(kind, body));
        await WriteAsync(exchange, StatusCodes.Status201Created, created, Projection(exchange.Http.Request), ScimInboundRender.Location(created, exchange.BaseUrl));
    }

    private static Task WriteAsync(ScimInboundExchange exchange, int status, ScimInboundResource resource, ScimInboundProjection projection, string? location = null) =>
        exchange.WriteAsync(status, projection.Apply(ScimInboundRender.Resource(resource, exchange.BaseUrl)), resource.ETag, location);

    private static ScimInboundProjection Projection(HttpRequest request) =>
        ScimInboundProjection.Parse(request.Query["attributes"].ToString(), request.Query["excludedAttributes"].ToString());

    private static int? Integer(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ScimInboundException.InvalidValue($"{name} must be an integer");
    }

    public static ScimInboundException MethodNotAllowed(ScimInboundExchange exchange) =>
        new(StatusCodes.Status405MethodNotAllowed, null, $"{exchange.Method} is not supported here");
}
