namespace Cerby.Operator.Tests.Cli;

/// <summary>A temporary folder of manifest files, deleted on dispose.</summary>
internal sealed class TempManifests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cerby-plan-");

    public string Path => _dir.FullName;

    /// <summary>Writes a file (relative path) and returns the folder, for chaining.</summary>
    public TempManifests With(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n"));
        return this;
    }

    /// <summary>Copies an example's files, so a test can change or add to them.</summary>
    public TempManifests WithExample(string example)
    {
        // Flattened: the example's snapshots/ subfolder lands beside its manifests, which plan reads the same way.
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Examples(example), "*", SearchOption.AllDirectories))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }

        return this;
    }

    /// <summary>How errors name a file of this folder.</summary>
    public string Display(string relativePath) => System.IO.Path.Join(Path, relativePath);

    public void Dispose() => _dir.Delete(recursive: true);
}
