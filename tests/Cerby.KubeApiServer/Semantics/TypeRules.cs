using System.Text;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>Per-type touches of built-in kinds the apiserver makes on writes (Namespace phase, Secret stringData, CRD status).</summary>
internal static class TypeRules
{
    /// <summary>Metadata generation is tracked for custom resources and CRDs (as the apiserver does), not for Secrets, Leases, Events.</summary>
    public static bool TracksGeneration(ResourceType type) => type.IsCustomResource || type == BuiltInResources.CustomResourceDefinitions;

    public static void OnWrite(ResourceType type, JsonObject obj, bool creating, string now)
    {
        if (type == BuiltInResources.Namespaces)
        {
            obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] ??= new JsonObject { ["phase"] = "Active" };
        }
        else if (type.Kind == "Secret" && type.Group.Length == 0)
        {
            MoveStringData(obj);
        }
        else if (type == BuiltInResources.CustomResourceDefinitions && creating)
        {
            CrdRegistration.SetAcceptedStatus(obj, now);
        }
    }

    /// <summary>The part of an object whose change bumps generation: everything but metadata (and status, with the subresource).</summary>
    public static JsonObject GenerationRelevant(ResourceType type, JsonObject obj) =>
        type.HasStatus ? obj.Without("metadata", "status") : obj.Without("metadata");

    private static void MoveStringData(JsonObject secret)
    {
        secret["type"] ??= "Opaque";
        if (secret["stringData"] is not JsonObject stringData)
        {
            return;
        }

        var data = secret["data"] as JsonObject ?? new JsonObject();
        foreach (var (key, value) in stringData)
        {
            var text = JsonObjects.ScalarText(value) ?? throw ApiException.BadRequest($"stringData.{key} must be a string");
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        secret["data"] = data;
        secret.Remove("stringData");
    }
}
