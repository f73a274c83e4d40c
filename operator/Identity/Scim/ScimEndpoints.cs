using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The inbound SCIM 2.0 service provider Okta (Group Push, provisioning) and Entra's provisioning service push to, one
/// per registered IdentityProvider under <see cref="RoutePrefix"/>: Users, Users/{id}, Groups, Groups/{id},
/// ServiceProviderConfig, Schemas, ResourceTypes. Every request needs the IdentityProvider's bearer token.
/// </summary>
internal static class ScimEndpoints
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
    public static RouteGroupBuilder Map(IEndpointRouteBuilder routes, ScimRegistry registry)
    {
        var scim = routes.MapGroup(RoutePrefix);
        Route(scim, registry, "Users", x => ScimResourceHandler.CollectionAsync(x, ScimResourceKind.User));
        Route(scim, registry, "Users/{id}", x => ScimResourceHandler.ItemAsync(x, ScimResourceKind.User, Id(x)));
        Route(scim, registry, "Groups", x => ScimResourceHandler.CollectionAsync(x, ScimResourceKind.Group));
        Route(scim, registry, "Groups/{id}", x => ScimResourceHandler.ItemAsync(x, ScimResourceKind.Group, Id(x)));
        Route(scim, registry, "ServiceProviderConfig", x => GetAsync(x, ScimDiscovery.ServiceProviderConfig(x.BaseUrl, x.Options)));
        Route(scim, registry, "ResourceTypes", x => GetListAsync(x, ScimDiscovery.ResourceTypes(x.BaseUrl)));
        Route(scim, registry, "ResourceTypes/{id}", x => GetOneAsync(x, ScimDiscovery.ResourceTypes(x.BaseUrl)));
        Route(scim, registry, "Schemas", x => GetListAsync(x, ScimDiscovery.Schemas(x.BaseUrl)));
        Route(scim, registry, "Schemas/{id}", x => GetOneAsync(x, ScimDiscovery.Schemas(x.BaseUrl)));
        Route(scim, registry, "{**rest}", x => throw ScimException.NotFound($"there is no SCIM endpoint {x.Http.Request.Path}"));
        return scim;
    }

    private static void Route(RouteGroupBuilder scim, ScimRegistry registry, string pattern, Func<ScimExchange, Task> handle) =>
        scim.Map(pattern, (RequestDelegate)(http => ScimExchange.RunAsync(http, registry, handle)));

    private static string Id(ScimExchange exchange) => exchange.Http.Request.RouteValues["id"]?.ToString() ?? "";

    private static Task GetAsync(ScimExchange exchange, JsonObject document) =>
        exchange.Method == "GET" ? exchange.WriteAsync(StatusCodes.Status200OK, document) : throw ScimResourceHandler.MethodNotAllowed(exchange);

    private static Task GetListAsync(ScimExchange exchange, IReadOnlyList<JsonObject> documents) =>
        GetAsync(exchange, ScimListResponse.Create(documents, documents.Count, 1));

    private static Task GetOneAsync(ScimExchange exchange, IReadOnlyList<JsonObject> documents) =>
        GetAsync(exchange, documents.FirstOrDefault(d => string.Equals(d["id"]?.GetValue<string>(), Id(exchange), StringComparison.OrdinalIgnoreCase))
            ?? throw ScimException.NotFound($"{Id(exchange)} not found"));
}
