using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Cerby.Operator.Cli;

/// <summary>
/// Converts one YAML document's nodes to JSON, recording the line of every field. Aliases are expanded, but an alias
/// that refers to a node containing it (a cycle) and documents that expand past <see cref="MaxNodes"/> (an alias bomb)
/// become errors instead of a stack overflow or an exhausted memory.
/// </summary>
internal sealed class YamlToJson(string file, Dictionary<string, int> lines, List<ManifestError> errors)
{
    /// <summary>More nodes than any manifest has, far fewer than an alias bomb expands to.</summary>
    public const int MaxNodes = 1_000_000;

    private readonly HashSet<YamlNode> _path = new(ReferenceEqualityComparer.Instance);
    private int _nodes;

    public JsonNode? Convert(YamlNode node, string path)
    {
        if (++_nodes > MaxNodes)
        {
            if (_nodes == MaxNodes + 1)
            {
                errors.Add(new ManifestError(file, (int)node.Start.Line, path, $"the document expands to more than {MaxNodes} nodes through aliases"));
            }

            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return YamlScalars.ToJson(scalar);
        }

        if (!_path.Add(node))
        {
            errors.Add(new ManifestError(file, (int)node.Start.Line, path, "an alias refers to a node that contains it"));
            return null;
        }

        try
        {
            return node switch
            {
                YamlMappingNode mapping => Mapping(mapping, path),
                YamlSequenceNode sequence => Sequence(sequence, path),
                _ => null,
            };
        }
        finally
        {
            _path.Remove(node);
        }
    }

    private JsonObject Mapping(YamlMappingNode mapping, string path)
    {
        var obj = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                errors.Add(new ManifestError(file, (int)keyNode.Start.Line, path, "a mapping key must be a plain string"));
                continue;
            }

            var child = JsonPaths.Property(path, key);
            lines[child] = (int)keyNode.Start.Line;
            obj[key] = Convert(valueNode, child);
        }

        return obj;
    }

    private JsonArray Sequence(YamlSequenceNode sequence, string path)
    {
        var array = new JsonArray();
        foreach (var item in sequence.Children)
        {
            var child = JsonPaths.Item(path, array.Count);
            lines[child] = (int)item.Start.Line;
            array.Add(Convert(item, child));
        }

        return array;
    }
}
