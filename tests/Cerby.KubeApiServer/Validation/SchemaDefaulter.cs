using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Validation;

/// <summary>Applies <c>default:</c> values, as the apiserver does on create and update (parents must exist).</summary>
internal static class SchemaDefaulter
{
    public static void Apply(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject obj:
                if (SchemaKeywords.Properties(schema) is { } properties)
                {
                    foreach (var (name, propertySchema) in properties)
                    {
                        if (propertySchema is JsonObject childSchema && !obj.ContainsKey(name) && childSchema["default"] is { } value)
                        {
                            obj[name] = value.DeepClone();
                        }

                        if (propertySchema is JsonObject nested && obj[name] is { } child)
                        {
                            Apply(child, nested);
                        }
                    }
                }

                if (SchemaKeywords.AdditionalProperties(schema) is { } valueSchema)
                {
                    foreach (var (_, child) in obj.ToList())
                    {
                        Apply(child, valueSchema);
                    }
                }

                break;
            case JsonArray array when SchemaKeywords.Items(schema) is { } itemSchema:
                foreach (var item in array)
                {
                    Apply(item, itemSchema);
                }

                break;
        }
    }
}
