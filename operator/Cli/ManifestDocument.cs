using System.Text.Json.Nodes;

namespace Cerby.Operator.Cli;

/// <summary>One YAML document converted to JSON, with the line every field came from.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Root">The document's top-level mapping.</param>
/// <param name="Lines">1-based line of each field path (<see cref="JsonPaths"/>); the root is "".</param>
internal sealed record ManifestDocument(string File, JsonObject Root, IReadOnlyDictionary<string, int> Lines)
{
    /// <summary>The line of the field, or of the nearest enclosing field present (a missing field points at its parent).</summary>
    public int LineOf(string path)
    {
        for (string? at = path; at is not null; at = JsonPaths.Parent(at))
        {
            if (Lines.TryGetValue(at, out var line))
            {
                return line;
            }
        }

        return Lines.GetValueOrDefault("", 1);
    }

    /// <summary>An error about a field of this document.</summary>
    public ManifestError Error(string path, string message) => new(File, LineOf(path), path, message);

    /// <summary>The string at a top-level field, or null when absent or not a string.</summary>
    public string? StringAt(string name) =>
        Root[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
