using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Cerby.Operator.Tests.Charts;

/// <summary>The documents of <c>helm template</c> output: their text (as kubectl would receive it) and their parsed form.</summary>
internal sealed partial class RenderedManifests
{
    private RenderedManifests(IReadOnlyList<RenderedDocument> documents) => Documents = documents;

    public IReadOnlyList<RenderedDocument> Documents { get; }

    public static RenderedManifests Parse(string yaml)
    {
        var documents = new List<RenderedDocument>();
        foreach (var text in DocumentSeparator().Split(yaml))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                documents.Add(new RenderedDocument(text.Trim() + "\n", root));
            }
        }

        return new RenderedManifests(documents);
    }

    public IEnumerable<RenderedDocument> OfKind(string kind) => Documents.Where(document => document.Kind == kind);

    /// <summary>The documents as one multi-document YAML text.</summary>
    public static string Join(IEnumerable<RenderedDocument> documents) => string.Join("---\n", documents.Select(document => document.Text));

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}

/// <summary>One rendered object.</summary>
internal sealed record RenderedDocument(string Text, YamlMappingNode Root)
{
    public string Kind => Scalar(Root, "kind") ?? "";

    public string Name => Scalar(Child(Root, "metadata"), "name") ?? "";

    public string? Namespace => Scalar(Child(Root, "metadata"), "namespace");

    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    public static IReadOnlyList<string> Strings(YamlNode? node, string key) =>
        Child(node, key) is YamlSequenceNode sequence ? [.. sequence.Children.OfType<YamlScalarNode>().Select(item => item.Value ?? "")] : [];
}

/// <summary>A canonical text of a YAML tree (keys sorted, scalars with their resolved YAML 1.2 core type), to compare two
/// documents for meaning rather than layout and quoting.</summary>
internal static class YamlJson
{
    public static string Canonical(YamlNode node) => node switch
    {
        YamlMappingNode mapping => "{" + string.Join(",", mapping.Children
            .Select(pair => (Key: ((YamlScalarNode)pair.Key).Value ?? "", pair.Value))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}:{Canonical(pair.Value)}")) + "}",
        YamlSequenceNode sequence => "[" + string.Join(",", sequence.Children.Select(Canonical)) + "]",
        YamlScalarNode scalar => Typed(scalar),
        _ => node.ToString(),
    };

    private static string Typed(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any))
        {
            return "s:" + value;
        }

        return value switch
        {
            "" or "null" or "~" => "null",
            "true" or "false" => "b:" + value,
            _ when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) =>
                "n:" + number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => "s:" + value,
        };
    }
}
