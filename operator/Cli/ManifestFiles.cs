namespace Cerby.Operator.Cli;

/// <summary>Finds the YAML files to read: a single file, or every *.yaml and *.yml below a folder, sorted by path.</summary>
internal static class ManifestFiles
{
    /// <summary>A file to read: how errors name it and where it is.</summary>
    internal sealed record Entry(string Display, string FullPath);

    /// <summary>The files under <paramref name="given"/> (a folder or one file), or null when it does not exist.</summary>
    public static IReadOnlyList<Entry>? Find(string given)
    {
        if (File.Exists(given))
        {
            return [new Entry(given, Path.GetFullPath(given))];
        }

        if (!Directory.Exists(given))
        {
            return null;
        }

        return Directory.EnumerateFiles(given, "*", SearchOption.AllDirectories)
            .Where(IsYaml)
            .Select(full => (Relative: Path.GetRelativePath(given, full).Replace('\\', '/'), Full: full))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => new Entry(Path.Join(given, f.Relative), Path.GetFullPath(f.Full)))
            .ToList();
    }

    private static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
