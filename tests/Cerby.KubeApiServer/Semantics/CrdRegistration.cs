using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;
using Cerby.KubeApiServer.Validation;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>Turns a CustomResourceDefinition into the resource types it serves, and gives it the status a real apiserver would.</summary>
internal static class CrdRegistration
{
    /// <summary>The served versions of the CRD; field errors when it is malformed or uses CEL outside the supported subset.</summary>
    public static (IReadOnlyList<ResourceType> Types, IReadOnlyList<FieldError> Errors) Read(JsonObject crd)
    {
        var errors = new List<FieldError>();
        var spec = crd["spec"] as JsonObject ?? new JsonObject();
        var group = spec.GetString("group") ?? "";
        var names = spec["names"] as JsonObject ?? new JsonObject();
        var plural = names.GetString("plural") ?? "";
        var kind = names.GetString("kind") ?? "";
        RequireText(errors, "spec.group", group);
        RequireText(errors, "spec.names.plural", plural);
        RequireText(errors, "spec.names.kind", kind);
        var crdName = crd.AtPath("metadata.name")?.GetValue<string>() ?? "";
        if (plural.Length > 0 && group.Length > 0 && crdName != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", crdName, "must be spec.names.plural+\".\"+spec.group"));
        }

        var types = new List<ResourceType>();
        var versions = spec["versions"] as JsonArray ?? [];
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i] is JsonObject version && version["served"]?.GetValue<bool>() != false)
            {
                var type = ReadVersion(version, $"spec.versions[{i}]", group, plural, kind, spec, names, errors);
                if (type is not null)
                {
                    types.Add(type);
                }
            }
        }

        if (versions.Count == 0)
        {
            errors.Add(FieldError.Required("spec.versions"));
        }

        return (types, errors);
    }

    /// <summary>Sets NamesAccepted and Established (the server accepts every name), acceptedNames and storedVersions.</summary>
    public static void SetAcceptedStatus(JsonObject crd, string now)
    {
        var spec = crd["spec"]!.AsObject();
        var accepted = spec["names"]!.DeepClone().AsObject();
        accepted["singular"] ??= accepted.GetString("kind")!.ToLowerInvariant();
        accepted["listKind"] ??= accepted.GetString("kind") + "List";
        var stored = (spec["versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(version => version["storage"]?.GetValue<bool>() == true)
            .Select(version => (JsonNode?)version.GetString("name"))
            .ToArray();
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["acceptedNames"] = accepted,
            ["storedVersions"] = new JsonArray(stored),
        };
    }

    private static ResourceType? ReadVersion(
        JsonObject version, string path, string group, string plural, string kind, JsonObject spec, JsonObject names, List<FieldError> errors)
    {
        if (version.AtPath("schema.openAPIV3Schema") is not JsonObject schemaRoot)
        {
            errors.Add(FieldError.Required($"{path}.schema.openAPIV3Schema"));
            return null;
        }

        CrdSchema schema;
        try
        {
            schema = new CrdSchema(schemaRoot.Clone());
        }
        catch (NotSupportedException unsupported)
        {
            errors.Add(FieldError.Invalid($"{path}.schema.openAPIV3Schema", "object", unsupported.Message));
            return null;
        }

        return new ResourceType(
            group,
            version.GetString("name") ?? "",
            plural,
            names.GetString("singular") ?? kind.ToLowerInvariant(),
            kind,
            Namespaced: spec.GetString("scope") != "Cluster",
            HasStatus: version.AtPath("subresources.status") is JsonObject,
            JsonObjects.StringList(names["shortNames"]),
            JsonObjects.StringList(names["categories"]),
            PrinterColumns(version),
            schema,
            StorageKey: $"{group}/{plural}");
    }

    private static List<PrinterColumn> PrinterColumns(JsonObject version)
    {
        var columns = (version["additionalPrinterColumns"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(column => new PrinterColumn(
                column.GetString("name") ?? "",
                column.GetString("type") ?? "string",
                column.GetString("jsonPath") ?? "",
                column.GetString("description") ?? "",
                column["priority"] is { } priority ? (int)JsonObjects.Number(priority) : 0,
                column.GetString("format") ?? ""))
            .ToList();
        return columns.Count > 0 ? columns : [new PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since creation.")];
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static void RequireText(List<FieldError> errors, string field, string value)
    {
        if (value.Length == 0)
        {
            errors.Add(FieldError.Required(field));
        }
    }
}
