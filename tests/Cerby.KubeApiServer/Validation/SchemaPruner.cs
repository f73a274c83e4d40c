using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Validation;

/// <summary>
/// Drops fields the structural schema does not declare, as the apiserver does; returns their paths so that
/// <c>fieldValidation=Strict</c> can reject them and <c>Warn</c> can report them instead.
/// </summary>
internal static class SchemaPruner
{
    public static void Prune(JsonNode? node, JsonObject schema, string path, List<string> pruned)
    {
        switch (node)
        {
            case JsonObject obj when !SchemaKeywords.PreservesUnknownFields(schema):
                var properties = SchemaKeywords.Properties(schema);
                var valueSchema = SchemaKeywords.AdditionalProperties(schema);
                foreach (var (name, child) in obj.ToList())
                {
                    var childPath = Join(path, name);
                    if (properties?[name] is JsonObject childSchema)
                    {
                        Prune(child, childSchema, childPath, pruned);
                    }
                    else if (valueSchema is not null)
                    {
                        Prune(child, valueSchema, childPath, pruned);
                    }
                    else
                    {
                        obj.Remove(name);
                        pruned.Add(childPath);
                    }
                }

                break;
            case JsonArray array when SchemaKeywords.Items(schema) is { } itemSchema:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(array[i], itemSchema, $"{path}[{i}]", pruned);
                }

                break;
        }
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
