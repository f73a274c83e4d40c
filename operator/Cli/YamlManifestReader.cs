using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cerby.Operator.Cli;

/// <summary>Reads a YAML file of one or more documents into JSON documents that remember the line of every field.</summary>
internal static partial class YamlManifestReader
{
    /// <summary>The file's non-empty documents, or the errors that stop it from being read.</summary>
    /// <param name="file">The file as errors name it.</param>
    /// <param name="text">The file's content.</param>
    public static (IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<ManifestError> Errors) Read(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return ([], [new ManifestError(file, (int)e.Start.Line, "", $"YAML syntax: {WithoutLocation(e)}")]);
        }

        var documents = new List<ManifestDocument>();
        var errors = new List<ManifestError>();
        foreach (var document in stream.Documents)
        {
            var root = document.RootNode;
            if (root is YamlScalarNode scalar && YamlScalars.ToJson(scalar) is null)
            {
                continue; // an empty document, e.g. after a trailing ---
            }

            if (root is not YamlMappingNode mapping)
            {
                errors.Add(new ManifestError(file, (int)root.Start.Line, "", "a document must be a mapping with apiVersion and kind"));
                continue;
            }

            var lines = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = (int)root.Start.Line };
            var converted = (JsonObject)Convert(file, mapping, "", lines, errors)!;
            documents.Add(new ManifestDocument(file, converted, lines));
        }

        return (documents, errors);
    }

    private static JsonNode? Convert(string file, YamlNode node, string path, Dictionary<string, int> lines, List<ManifestError> errors)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
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
                    obj[key] = Convert(file, valueNode, child, lines, errors);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    var child = JsonPaths.Item(path, array.Count);
                    lines[child] = (int)item.Start.Line;
                    array.Add(Convert(file, item, child, lines, errors));
                }

                return array;
            default:
                return YamlScalars.ToJson((YamlScalarNode)node);
        }
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: …): "; the line is printed already.</summary>
    private static string WithoutLocation(YamlException e)
    {
        var message = LocationPrefix().Replace(e.Message, "");
        return message.Length > 0 && char.IsUpper(message[0]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();
}
