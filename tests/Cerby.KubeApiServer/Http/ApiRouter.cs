using System.Text.Json.Nodes;
using Cerby.KubeApiServer.OpenApi;
using Cerby.KubeApiServer.Resources;
using Microsoft.AspNetCore.Http;

namespace Cerby.KubeApiServer.Http;

/// <summary>Dispatches every request: /version, discovery, /openapi, resource paths; failures become Status bodies.</summary>
internal sealed class ApiRouter(ResourceRegistry registry, ResourceEndpoint resources)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (Document(context, segments) is { } document)
            {
                await HttpIo.WriteJsonAsync(context, 200, document);
            }
            else if (segments is ["api", "v1", _, ..])
            {
                await resources.HandleAsync(context, ApiTarget.Parse(registry, "", "v1", segments[2..]));
            }
            else if (segments is ["apis", var group, var version, _, ..])
            {
                await resources.HandleAsync(context, ApiTarget.Parse(registry, group, version, segments[3..]));
            }
            else
            {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            await HttpIo.WriteJsonAsync(context, error.Code, error.ToStatus());
        }
        catch (Exception error) when (error is not OperationCanceledException && !context.Response.HasStarted)
        {
            await HttpIo.WriteJsonAsync(context, 500, StatusBodies.Failure(500, "InternalError", $"Internal error occurred: {error.GetType().Name}: {error.Message}", null));
        }
    }

    /// <summary>The discovery, version or OpenAPI document at this path, or null when it is not one.</summary>
    private JsonObject? Document(HttpContext context, string[] segments) => segments switch
    {
        ["version"] => DiscoveryDocuments.Version(),
        ["api"] => DiscoveryDocuments.CoreVersions(context.Request.Host.Value ?? "127.0.0.1"),
        ["api", "v1"] => DiscoveryDocuments.Resources(registry, "", "v1"),
        ["apis"] => DiscoveryDocuments.Groups(registry),
        ["apis", var group] => DiscoveryDocuments.Group(registry, group) ?? throw NotFound(),
        ["apis", var group, var version] => DiscoveryDocuments.Resources(registry, group, version) ?? throw NotFound(),
        ["openapi", "v3"] => OpenApiDocuments.Index(registry),
        ["openapi", "v3", .. var rest] => OpenApiDocuments.GroupVersion(registry, string.Join('/', rest)) ?? throw NotFound(),
        ["openapi", ..] => throw NotFound(),
        _ => null,
    };

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
