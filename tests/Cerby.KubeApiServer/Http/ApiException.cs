using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;
using Cerby.KubeApiServer.Validation;

namespace Cerby.KubeApiServer.Http;

/// <summary>A request failure answered with a Kubernetes <c>Status</c> body.</summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    private JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => StatusBodies.Failure(Code, Reason, Message, Details?.Clone());

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", NameDetails(type, name));

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", NameDetails(type, name));

    public static ApiException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": the object has been modified; " +
            "please apply your changes to the latest version and try again",
            NameDetails(type, name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var summary = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]";
        var details = NameDetails(type, name);
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(errors.Select(error => (JsonNode)error.ToCause()).ToArray());
        return new ApiException(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    private static JsonObject NameDetails(ResourceType type, string name) =>
        new() { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural };
}
