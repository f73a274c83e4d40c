using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The inbound SCIM 2.0 service provider Okta (Group Push, provisioning) and Entra's provisioning service push to, one
/// per registered IdentityProvider under <see cref="RoutePrefix"/>: Users, Users/{id}, Groups, Groups/{id},
/// ServiceProviderConfig, Schemas, ResourceTypes. Every request needs the IdentityProvider's bearer token.
/// </summary>
internal static class ScimInboundEndpoints
{
    /// <summary>The route every IdentityProvider's SCIM base lives under.</summary>
    public const string RoutePrefix = "/idp/{namespace}/{name}/scim/v2";

    /// <summary>The SCIM base path of one IdentityProvider ("namespace/name"), e.g. /idp/team-a/okta/scim/v2.</summary>
    public static string BasePath(string idpKey)
    {
        var (ns, name) = (idpKey[..idpKey.IndexOf('/', StringComparison.Ordinal)], idpKey[(idpKey.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        return $"/idp/{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(name)}/scim/v2";
    }

    /// <summary>Maps the endpoints of every IdentityProvider the registry serves; returns the route group for conventions.</summary>
    public static RouteGroupBuilder Map(IEndpointRouteBuilder routes, ScimInboundRegistry registry)
    {
        var scim = routes.MapGroup(RoutePrefix);
        Route(scim, registry, "Users", x => ScimInboundResourceHandler.CollectionAsync(x, ScimResourceKind.User));
        Route(scim, registry, "Users/{id}", x => ScimInboundResourceHandler.ItemAsync(x, ScimResourceKind.User, Id(x)));
        Route(scim, registry, "Groups", x => ScimInboundResourceHandler.CollectionAsync(x, ScimResourceKind.Group));
        Route(scim, registry, "Groups/{id}", x => ScimInboundResourceHandler.ItemAsync(x, ScimResourceKind.Group, Id(x)));
        Route(scim, registry, "ServiceProviderConfig", x => GetAsync(x, ScimInboundDiscovery.ServiceProviderConfig(x.BaseUrl, x.Options)));
        Route(scim, registry, "ResourceTypes", x => GetListAsync(x, ScimInboundDiscovery.ResourceTypes(x.BaseUrl)));
        Route(scim, registry, "ResourceTypes/{id}", x => GetOneAsync(x, ScimInboundDiscovery.ResourceTypes(x.BaseUrl)));
        Route(scim, registry, "Schemas", x => GetListAsync(x, ScimInboundDiscovery.Schemas(x.BaseUrl)));
        Route(scim, registry, "Schemas/{id}", x => GetOneAsync(x, ScimInboundDiscovery.Schemas(x.BaseUrl)));
        Route(scim, registry, "{**rest}", x => throw ScimInboundException.NotFound($"there is no SCIM endpoint {x.Http.Request.Path}"));
        return scim;
    }

    private static void Route(RouteGroupBuilder scim, ScimInboundRegistry registry, string pattern, Func<ScimInboundExchange, Task> handle) =>
        scim.Map(pattern, (RequestDelegate)(http => ScimInboundExchange.RunAsync(http, registry, handle)));

    private static string Id(ScimInboundExchange exchange) => exchange.Http.Request.RouteValues["id"]?.ToString() ?? "";

    private static Task GetAsync(ScimInboundExchange exchange, JsonObject document) =>
        exchange.Method == "GET" ? exchange.WriteAsync(StatusCodes.Status200OK, document) : throw ScimInboundResourceHandler.MethodNotAllowed(exchange);

    private static Task GetListAsync(ScimInboundExchange exchange, IReadOnlyList<JsonObject> documents) =>
        GetAsync(exchange, ScimInboundRender.List(documents, documents.Count, 1));

    private static Task GetOneAsync(ScimInboundExchange exchange, IReadOnlyList<JsonObject> documents) =>
        GetAsync(exchange, documents.FirstOrDefault(d => string.Equals(d["id"]?.GetValue<string>(), Id(exchange), StringComparison.OrdinalIgnoreCase))
            ?? throw ScimInboundException.NotFound($"{Id(exchange)} not found"));
}
