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
        var parser = new FlowTrackingParser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            return ([], [new ManifestError(file, (int)e.Start.Line, "", $"YAML syntax: {WithoutLocation(e)}")]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // YamlDotNet's scanner and loader fail this way on some malformed input (an unclosed flow mapping among them).
            var hint = parser.InnermostOpenFlow is { } open
                ? $"; the flow {(open.Open == '{' ? "mapping '{'" : "sequence '['")} opened at line {open.Line} is not closed"
                : "";
            return ([], [new ManifestError(file, parser.Line, "", $"YAML syntax: cannot be parsed here{hint}")]);
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
            var converted = (JsonObject)new YamlToJson(file, lines, errors).Convert(mapping, "")!;
            documents.Add(new ManifestDocument(file, converted, lines));
        }

        return (documents, errors);
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
