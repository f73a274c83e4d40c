using Cerby.Operator.Resources.Schema;

namespace Cerby.Operator.Cli;

/// <summary>
/// <c>crds &lt;dir&gt;</c> writes the CRD manifests, one file per kind; <c>crds --check &lt;dir&gt;</c> fails when the
/// files in the directory differ from what the C# types generate.
/// </summary>
internal static class CrdsCommand
{
    private const string Usage = "usage: crds <outputDir> | crds --check <dir>";

    // Manifests this command owns in the directory; others (a kustomization.yaml, say) are left alone.
    private const string OwnedFiles = "access.cerby.io_*.yaml";

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after <c>crds</c>.</param>
    /// <param name="stdout">Receives the files written.</param>
    /// <param name="stderr">Receives usage and the files that differ.</param>
    /// <returns>0 on success; 1 when --check finds differences or generation fails; 2 on a usage error.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            switch (args)
            {
                case ["--check", var dir]:
                    return Check(dir, stdout, stderr);
                case [var dir] when !dir.StartsWith('-'):
                    Write(dir, stdout);
                    return 0;
                default:
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"crds: {e.Message}");
            return 1;
        }
    }

    private static Dictionary<string, string> Generate() =>
        CrdGenerator.GenerateAll().ToDictionary(CrdGenerator.FileName, CrdGenerator.ToYaml, StringComparer.Ordinal);

    private static void Write(string dir, TextWriter stdout)
    {
        var manifests = Generate();
        Directory.CreateDirectory(dir);
        foreach (var (name, yaml) in manifests)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, yaml);
            stdout.WriteLine($"wrote {path}");
        }

        // A renamed or removed kind would otherwise leave its old CRD behind.
        foreach (var stale in StaleFiles(dir, manifests))
        {
            File.Delete(stale);
            stdout.WriteLine($"deleted {stale}");
        }
    }

    private static int Check(string dir, TextWriter stdout, TextWriter stderr)
    {
        var manifests = Generate();
        var problems = new List<string>();
        foreach (var (name, yaml) in manifests.OrderBy(manifest => manifest.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
            {
                problems.Add($"{path}: missing");
            }
            // A Windows checkout may have turned \n into \r\n; that is no difference.
            else if (File.ReadAllText(path).ReplaceLineEndings("\n") != yaml)
            {
                problems.Add($"{path}: differs from the generated CRD");
            }
        }

        problems.AddRange(StaleFiles(dir, manifests).Select(stale => $"{stale}: no kind generates it"));
        if (problems.Count == 0)
        {
            stdout.WriteLine($"{manifests.Count} CRDs in {dir} are up to date.");
            return 0;
        }

        foreach (var problem in problems)
        {
            stderr.WriteLine(problem);
        }

        stderr.WriteLine($"Regenerate with: dotnet run --project operator -- crds {dir}");
        return 1;
    }

    private static IEnumerable<string> StaleFiles(string dir, Dictionary<string, string> manifests) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, OwnedFiles)
                .Where(path => !manifests.ContainsKey(Path.GetFileName(path)))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
