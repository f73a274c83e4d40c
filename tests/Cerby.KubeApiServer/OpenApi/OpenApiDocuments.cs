using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Resources;

namespace Cerby.KubeApiServer.OpenApi;

/// <summary>
/// <c>/openapi/v3</c>: the index of group-version documents, and per group-version a document with each kind's
/// schema (from its CRD, for <c>kubectl explain</c>) and a PATCH operation advertising <c>fieldValidation</c>,
/// which is how kubectl decides to leave validation to the server (<c>kubectl apply</c>'s default strict mode);
/// kubectl refuses to apply a built-in kind whose group-version has no document here.
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Index(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var groupVersion in PublishedGroupVersions(registry))
        {
            paths[groupVersion] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{groupVersion}?hash=r{registry.Revision}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <param name="groupVersionPath"><c>api/v1</c> or <c>apis/{group}/{version}</c>.</param>
    public static JsonObject? GroupVersion(ResourceRegistry registry, string groupVersionPath)
    {
        if (!PublishedGroupVersions(registry).Contains(groupVersionPath))
        {
            return null;
        }

        var types = registry.All().Where(type => PathOf(type) == groupVersionPath).ToList();
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in types)
        {
            paths[ItemPath(type)] = new JsonObject { ["patch"] = PatchOperation(type) };
            var schema = type.Schema?.Root.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object", ["description"] = $"{type.Kind} (schema not published by the test server)." };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type));
            schemas[SchemaName(type)] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static HashSet<string> PublishedGroupVersions(ResourceRegistry registry) =>
        registry.All().Select(PathOf).ToHashSet();

    private static string PathOf(ResourceType type) => type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}";

    private static string ItemPath(ResourceType type) =>
        type.Namespaced ? $"/{PathOf(type)}/namespaces/{{namespace}}/{type.Plural}/{{name}}" : $"/{PathOf(type)}/{type.Plural}/{{name}}";

    private static JsonObject PatchOperation(ResourceType type) => new()
    {
        ["operationId"] = $"patch{type.Kind}",
        ["parameters"] = new JsonArray(
            QueryParameter("dryRun"),
            QueryParameter("fieldManager"),
            QueryParameter("fieldValidation"),
            QueryParameter("force")),
        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
        ["x-kubernetes-action"] = "patch",
        ["x-kubernetes-group-version-kind"] = Gvk(type),
    };

    private static JsonObject QueryParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Gvk(ResourceType type) => new() { ["group"] = type.Group, ["kind"] = type.Kind, ["version"] = type.Version };

    /// <summary>Schema names as the apiserver makes them: the group reversed, then version and kind (io.cerby.access.v1alpha1.TeamShare).</summary>
    private static string SchemaName(ResourceType type) =>
        type.Group.Length == 0
            ? $"io.k8s.api.core.{type.Version}.{type.Kind}"
            : $"{string.Join('.', type.Group.Split('.').Reverse())}.{type.Version}.{type.Kind}";
}
