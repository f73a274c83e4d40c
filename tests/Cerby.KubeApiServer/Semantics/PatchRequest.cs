using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;
using Cerby.KubeApiServer.Patching;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>The patch types of the API, chosen by the request's Content-Type.</summary>
internal enum PatchKind
{
    Json,
    Merge,
    StrategicMerge,
    Apply,
}

/// <summary>A PATCH body and its type; <paramref name="FieldManager"/> names who applies (server-side apply).</summary>
internal sealed record PatchRequest(PatchKind Kind, JsonNode Body, string FieldManager = "")
{
    public static PatchKind KindOf(string? contentType) => (contentType ?? "").Split(';')[0].Trim() switch
    {
        "application/json-patch+json" => PatchKind.Json,
        "application/merge-patch+json" => PatchKind.Merge,
        "application/strategic-merge-patch+json" => PatchKind.StrategicMerge,
        "application/apply-patch+yaml" or "application/apply-patch+json" => PatchKind.Apply,
        var other => throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got \"{other}\")"),
    };

    /// <summary>
    /// Applies the patch. Strategic merge patch is refused for custom resources (415, as the apiserver does) and
    /// approximated by a merge patch for built-in types; apply (server-side apply) is approximated by
    /// <see cref="ApplyPatch"/>, given what the same manager applied last.
    /// </summary>
    public JsonNode? ApplyTo(JsonObject current, bool customResource, JsonObject? previouslyApplied = null) => Kind switch
    {
        PatchKind.Apply => ApplyPatch.Apply(current, previouslyApplied, Body as JsonObject ?? throw ApiException.BadRequest("an apply patch must be an object")),
        PatchKind.Json => JsonPatch.Apply(current, Body as JsonArray ?? throw ApiException.BadRequest("a JSON patch must be an array of operations")),
        PatchKind.StrategicMerge when customResource => throw new ApiException(415, "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"),
        _ => MergePatch.Apply(current, Body),
    };
}
