using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Validation;

/// <summary>One field error, worded like the apiserver's (<c>spec.role: Required value</c>).</summary>
/// <param name="Reason">The Status cause reason, e.g. FieldValueInvalid, FieldValueRequired.</param>
internal sealed record FieldError(string Field, string Reason, string Detail)
{
    public static FieldError Required(string field) => new(field, "FieldValueRequired", "Required value");

    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {Render(value)}: {detail}");

    public static FieldError TypeInvalid(string field, string actualType, string expectedType) =>
        new(field, "FieldValueTypeInvalid", $"Invalid value: \"{actualType}\": {field} in body must be of type {expectedType}: \"{actualType}\"");

    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<JsonNode?> supported) =>
        new(field, "FieldValueNotSupported",
            $"Unsupported value: {Render(value)}: supported values: {string.Join(", ", supported.Select(Render))}");

    public static FieldError TooLong(string field, long max) =>
        new(field, "FieldValueTooLong", $"Too long: may not be more than {max} bytes");

    public static FieldError TooMany(string field, int count, long max) =>
        new(field, "FieldValueTooMany", $"Too many: {count}: must have at most {max} items");

    public static FieldError Duplicate(string field, JsonNode? value) =>
        new(field, "FieldValueDuplicate", $"Duplicate value: {Render(value)}");

    public override string ToString() => $"{Field}: {Detail}";

    public JsonObject ToCause() => new() { ["reason"] = Reason, ["message"] = Detail, ["field"] = Field };

    private static string Render(JsonNode? value) => value?.ToJsonString() ?? "null";
}
