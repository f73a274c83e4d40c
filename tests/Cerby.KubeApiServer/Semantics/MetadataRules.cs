using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>How writes treat server-owned fields: metadata the client cannot change, the status split, generation, delete preconditions.</summary>
internal static class MetadataRules
{
    private static readonly string[] ServerOwnedMetadata =
        ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion"];

    /// <summary>A write to <c>/status</c>: the stored object with only its status replaced.</summary>
    public static JsonObject WithStatusOf(JsonObject existing, JsonObject incoming)
    {
        var updated = existing.Clone();
        updated["status"] = incoming["status"]?.DeepClone();
        if (updated["status"] is null)
        {
            updated.Remove("status");
        }

        return updated;
    }

    /// <summary>A write to the object: the client's object with the server-owned metadata kept (and the status, with the subresource).</summary>
    public static JsonObject WithSystemFields(ResourceType type, JsonObject existing, JsonObject incoming)
    {
        var updated = incoming.Clone();
        if (type.HasStatus)
        {
            updated.Remove("status");
            if (existing["status"] is { } status)
            {
                updated["status"] = status.DeepClone();
            }
        }

        var oldMetadata = existing.Metadata();
        var newMetadata = updated.Metadata();
        foreach (var field in ServerOwnedMetadata)
        {
            newMetadata.Remove(field);
            if (oldMetadata[field] is { } value)
            {
                newMetadata[field] = value.DeepClone();
            }
        }

        return updated;
    }

    public static void CheckPreconditions(ResourceType type, string name, JsonObject metadata, DeleteRequest request)
    {
        if (request.PreconditionUid is { } uid && uid != metadata.GetString("uid"))
        {
            throw new ApiException(409, "Conflict",
                $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {metadata.GetString("uid")}");
        }

        if (request.PreconditionResourceVersion is { } version && version != metadata.GetString("resourceVersion"))
        {
            throw new ApiException(409, "Conflict",
                $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": Precondition failed: ResourceVersion in precondition: {version}, ResourceVersion in object meta: {metadata.GetString("resourceVersion")}");
        }
    }

    public static void BumpGeneration(ResourceType type, JsonObject metadata)
    {
        if (TypeRules.TracksGeneration(type))
        {
            metadata["generation"] = (metadata["generation"] is { } generation ? (long)JsonObjects.Number(generation) : 0) + 1;
        }
    }

    public static void SetNamespace(ResourceType type, string @namespace, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        if (metadata.GetString("namespace") is { Length: > 0 } given && given != @namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = @namespace;
    }
}
