using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>TeamShare objects and the API calls the tests make on them, untyped (JSON) so they depend on the wire only.</summary>
internal static class TeamShares
{
    public const string Group = "access.cerby.io";
    public const string Version = "v1alpha1";
    public const string Plural = "teamshares";

    public static JsonObject Manifest(string name, string @namespace, string team = "marketing-editors", string role = "Editor") => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "TeamShare",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace },
        ["spec"] = new JsonObject
        {
            ["hubRef"] = new JsonObject { ["name"] = "meta-marketing" },
            ["subject"] = new JsonObject { ["team"] = team },
            ["role"] = role,
        },
    };

    /// <summary>The manifest as YAML-compatible JSON in a temporary file, for <c>kubectl apply -f</c>.</summary>
    public static string WriteTempFile(JsonObject manifest)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cerby-share-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }

    public static async Task<JsonObject> CreateAsync(Kubernetes client, JsonObject manifest) =>
        ToNode(await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            manifest, Group, Version, manifest["metadata"]!["namespace"]!.GetValue<string>(), Plural));

    public static async Task<JsonObject> GetAsync(Kubernetes client, string @namespace, string name) =>
        ToNode(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, @namespace, Plural, name));

    public static async Task<JsonObject> PatchAsync(Kubernetes client, string @namespace, string name, JsonNode patch, V1Patch.PatchType patchType = V1Patch.PatchType.MergePatch) =>
        ToNode(await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch.ToJsonString(), patchType), Group, Version, @namespace, Plural, name));

    public static async Task<JsonObject> PatchStatusAsync(Kubernetes client, string @namespace, string name, JsonObject status) =>
        ToNode(await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch), Group, Version, @namespace, Plural, name));

    public static JsonObject ReadyCondition(string status, string reason, string message) => new()
    {
        ["type"] = "Ready",
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
    };

    public static JsonObject ToNode(object response) => JsonSerializer.SerializeToNode(response)!.AsObject();
}
