using System.Text;
using System.Text.RegularExpressions;

namespace Cerby.Sandbox;

/// <summary>
/// Reads examples/sandbox/*.yaml.tmpl in name order and fills in their <c>${NAME}</c> placeholders; a placeholder
/// with no value is an error, so a template never reaches kubectl half-filled.
/// </summary>
internal static partial class ManifestTemplates
{
    public static string Render(string folder, IReadOnlyDictionary<string, string> values)
    {
        var files = Directory.GetFiles(folder, "*.yaml.tmpl").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"no *.yaml.tmpl templates in {folder}");
        }

        var yaml = new StringBuilder();
        foreach (var file in files)
        {
            var text = Placeholder().Replace(File.ReadAllText(file), match => values.TryGetValue(match.Groups[1].Value, out var value)
                ? value
                : throw new InvalidOperationException($"{Path.GetFileName(file)}: no value for ${{{match.Groups[1].Value}}}"));
            yaml.Append("---\n").Append(text.TrimEnd()).Append('\n');
        }

        return yaml.ToString();
    }

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
