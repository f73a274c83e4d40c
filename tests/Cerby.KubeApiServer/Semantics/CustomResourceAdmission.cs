using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;
using Cerby.KubeApiServer.Validation;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>
/// What the apiserver does to a custom resource before storing it: apply schema defaults, prune undeclared fields
/// (rejecting them under <c>fieldValidation=Strict</c>, warning under <c>Warn</c>), then validate (422 Invalid).
/// </summary>
internal static class CustomResourceAdmission
{
    public static IReadOnlyList<string> Admit(ResourceType type, JsonObject obj, WriteOptions options)
    {
        var schema = type.Schema!;
        SchemaDefaulter.Apply(obj, schema.Root);
        var pruned = new List<string>();
        var topLevel = SchemaKeywords.Properties(schema.Root);
        foreach (var (name, value) in obj.ToList())
        {
            if (name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (topLevel?[name] is JsonObject childSchema)
            {
                SchemaPruner.Prune(value, childSchema, name, pruned);
            }
            else
            {
                obj.Remove(name);
                pruned.Add(name);
            }
        }

        var unknown = pruned.Select(path => $"unknown field \"{path}\"").ToList();
        if (unknown.Count > 0 && options.FieldValidation == "Strict")
        {
            throw ApiException.BadRequest(
                $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", unknown)}");
        }

        var errors = SchemaValidator.ValidateObject(obj, schema);
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(type, obj.AtPath("metadata.name")?.GetValue<string>() ?? "", errors);
        }

        return options.FieldValidation == "Warn" ? unknown : [];
    }
}
