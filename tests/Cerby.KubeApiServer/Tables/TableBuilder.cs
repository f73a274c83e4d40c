using System.Globalization;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;

namespace Cerby.KubeApiServer.Tables;

/// <summary>
/// Server-side tables (<c>Accept: application/json;as=Table;g=meta.k8s.io;v=v1</c>), which is how
/// <c>kubectl get</c> shows a CRD's additionalPrinterColumns. Rows carry the object's metadata so kubectl can
/// add the NAMESPACE column.
/// </summary>
internal static class TableBuilder
{
    public static bool IsRequested(string? accept) => accept?.Contains("as=Table", StringComparison.Ordinal) == true;

    public static JsonObject Build(ResourceType type, IEnumerable<JsonObject> objects, long resourceVersion, string? includeObject, DateTimeOffset now)
    {
        var columns = new JsonArray(
            Column("Name", "string", "name", "Name must be unique within a namespace.", 0));
        foreach (var column in type.PrinterColumns)
        {
            columns.Add(Column(column.Name, column.Type, column.Format, column.Description, column.Priority));
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["columnDefinitions"] = columns,
            ["rows"] = new JsonArray(objects.Select(obj => (JsonNode)Row(type, obj, includeObject, now)).ToArray()),
        };
    }

    private static JsonObject Row(ResourceType type, JsonObject obj, string? includeObject, DateTimeOffset now)
    {
        var cells = new JsonArray(obj.AtPath("metadata.name")?.DeepClone());
        foreach (var column in type.PrinterColumns)
        {
            cells.Add(Cell(column, JsonPathQuery.First(obj, column.JsonPath), now));
        }

        var row = new JsonObject { ["cells"] = cells };
        var rowObject = includeObject switch
        {
            "None" => null,
            "Object" => obj.Clone(),
            _ => new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = obj["metadata"]?.DeepClone(),
            },
        };
        if (rowObject is not null)
        {
            row["object"] = rowObject;
        }

        return row;
    }

    private static JsonNode? Cell(PrinterColumn column, JsonNode? value, DateTimeOffset now)
    {
        if (column.Type == "date" && JsonObjects.ScalarText(value) is { } text &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return HumanDuration.Format(now - time);
        }

        return value?.DeepClone();
    }

    private static JsonObject Column(string name, string type, string format, string description, int priority) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };
}
