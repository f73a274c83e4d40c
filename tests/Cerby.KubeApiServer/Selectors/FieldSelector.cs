using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;
using Cerby.KubeApiServer.Json;

namespace Cerby.KubeApiServer.Selectors;

/// <summary>
/// A <c>fieldSelector</c>: comma-separated <c>path=value</c>, <c>path==value</c> or <c>path!=value</c>.
/// Every type supports <c>metadata.name</c> and <c>metadata.namespace</c>; Events also support their
/// <c>involvedObject.*</c>, <c>reason</c>, <c>type</c>, … fields (what <c>kubectl describe</c> asks for).
/// </summary>
internal sealed class FieldSelector
{
    private static readonly string[] MetadataFields = ["metadata.name", "metadata.namespace"];

    private static readonly string[] EventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ];

    private readonly List<(string Path, string Value, bool Negated)> requirements;

    private FieldSelector(List<(string Path, string Value, bool Negated)> requirements) => this.requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    /// <param name="isEvent">Whether the Event fields are selectable (core Events are stored in that form).</param>
    public static FieldSelector Parse(string? text, bool isEvent)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<(string, string, bool)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negated = part.Contains("!=", StringComparison.Ordinal);
            var pieces = part.Split(negated ? "!=" : part.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (pieces.Length != 2)
            {
                throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            var path = pieces[0].Trim();
            if (!MetadataFields.Contains(path) && !(isEvent && EventFields.Contains(path)))
            {
                throw ApiException.BadRequest($"field label not supported: {path}");
            }

            requirements.Add((path, pieces[1].Trim(), negated));
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(JsonObject obj) => requirements.All(requirement =>
        ((JsonObjects.ScalarText(obj.AtPath(requirement.Path)) ?? "") == requirement.Value) != requirement.Negated);
}
