using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cerby.Operator.Cli;

/// <summary>
/// Field paths as errors print them: <c>spec.roles[1].name</c>; keys that are not plain identifiers are quoted,
/// e.g. <c>metadata.annotations["access.cerby.io/approve-removals"]</c>. The document root is the empty path.
/// </summary>
internal static partial class JsonPaths
{
    /// <summary>The path of a property of the object at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string key)
    {
        if (!PlainKey().IsMatch(key))
        {
            return $"{parent}[{JsonSerializer.Serialize(key)}]";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    /// <summary>The path of an item of the array at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The enclosing path, or null for the root.</summary>
    public static string? Parent(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        var cut = path.EndsWith("\"]", StringComparison.Ordinal)
            ? path.LastIndexOf("[\"", StringComparison.Ordinal)
            : Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$-]*$")]
    private static partial Regex PlainKey();
}
