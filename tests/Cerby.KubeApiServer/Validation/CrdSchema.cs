using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Validation;

/// <summary>
/// The <c>openAPIV3Schema</c> of one CRD version, with its CEL rules compiled up front: a rule outside the
/// supported subset makes registration fail rather than go unchecked.
/// </summary>
internal sealed class CrdSchema
{
    private readonly Dictionary<string, CelRule> rules = new(StringComparer.Ordinal);

    public CrdSchema(JsonObject root)
    {
        Root = root;
        CompileRules(root);
    }

    public JsonObject Root { get; }

    public CelRule Rule(string source) => rules[source];

    private void CompileRules(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var rule in SchemaKeywords.Validations(obj))
                {
                    rules.TryAdd(rule.Rule, CelRule.Parse(rule.Rule));
                }

                foreach (var (_, child) in obj)
                {
                    CompileRules(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CompileRules(item);
                }

                break;
        }
    }
}

/// <summary>Reads the schema keywords the server honours.</summary>
internal static class SchemaKeywords
{
    public static string? Type(JsonObject schema) => schema["type"]?.GetValue<string>();

    public static JsonObject? Properties(JsonObject schema) => schema["properties"] as JsonObject;

    public static JsonObject? Items(JsonObject schema) => schema["items"] as JsonObject;

    public static JsonObject? AdditionalProperties(JsonObject schema) => schema["additionalProperties"] as JsonObject;

    public static bool Flag(JsonObject schema, string name) => schema[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    public static bool PreservesUnknownFields(JsonObject schema) => Flag(schema, "x-kubernetes-preserve-unknown-fields");

    public static bool IntOrString(JsonObject schema) => Flag(schema, "x-kubernetes-int-or-string");

    public static IEnumerable<(string Rule, string Message)> Validations(JsonObject schema) =>
        (schema["x-kubernetes-validations"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(rule => (rule["rule"]?.GetValue<string>() ?? "", rule["message"]?.GetValue<string>() ?? ""));
}
