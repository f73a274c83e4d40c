using Cerby.Operator.Cli;
using Cerby.Operator.Resources.Schema;

namespace Cerby.Operator.Tests.Resources;

public sealed class CrdManifestTests : IDisposable
{
    private const string Regenerate = "dotnet run --project operator -- crds crds/";

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("cerby-crds-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void Committed_crd_files_equal_what_the_generator_produces()
    {
        var crds = Path.Combine(RepoRoot(), "crds");
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            var path = Path.Combine(crds, CrdGenerator.FileName(crd));
            Assert.True(File.Exists(path), $"{path} is missing. Regenerate with: {Regenerate}");
            var committed = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
            var generated = CrdGenerator.ToYaml(crd).Split('\n');
            var firstDifference = Enumerable.Range(0, Math.Max(committed.Length, generated.Length))
                .FirstOrDefault(i => committed.ElementAtOrDefault(i) != generated.ElementAtOrDefault(i), -1);
            Assert.True(
                firstDifference < 0,
                $"{path} is out of date (first difference at line {firstDifference + 1}: "
                + $"committed '{committed.ElementAtOrDefault(firstDifference)}', generated '{generated.ElementAtOrDefault(firstDifference)}'). "
                + $"Regenerate with: {Regenerate}");
        }
    }

    [Fact]
    public void Committed_crds_directory_passes_the_crds_check()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = CrdsCommand.Run(["--check", Path.Combine(RepoRoot(), "crds")], stdout, stderr);

        Assert.True(exitCode == 0, stderr.ToString());
    }

    [Fact]
    public void Manifest_starts_with_the_generated_header_and_uses_the_crd_field_names()
    {
        var yaml = CrdGenerator.ToYaml(CrdGenerator.Generate(typeof(Operator.Resources.TeamShare)));

        Assert.StartsWith(CrdGenerator.Header + "\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n", yaml, StringComparison.Ordinal);
        Assert.Contains("openAPIV3Schema:", yaml, StringComparison.Ordinal);
        Assert.Contains("x-kubernetes-validations:", yaml, StringComparison.Ordinal);
        Assert.Contains("x-kubernetes-list-type: map", yaml, StringComparison.Ordinal);
        Assert.Contains("additionalPrinterColumns:", yaml, StringComparison.Ordinal);
        Assert.Contains("  subresources:\n      status: {}\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?m): null$", yaml);
        Assert.DoesNotContain("\r", yaml, StringComparison.Ordinal);
        Assert.EndsWith("\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var first = CrdGenerator.GenerateAll().Select(CrdGenerator.ToYaml).ToList();
        var second = CrdGenerator.GenerateAll().Select(CrdGenerator.ToYaml).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Crds_command_writes_one_file_per_kind()
    {
        var (exitCode, stdout, _) = Run(_temp.FullName);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["access.cerby.io_accessreviews.yaml", "access.cerby.io_businesshubs.yaml", "access.cerby.io_identityproviders.yaml", "access.cerby.io_idpgroupbindings.yaml", "access.cerby.io_teamshares.yaml"],
            _temp.GetFiles().Select(file => file.Name).Order(StringComparer.Ordinal));
        Assert.Contains("access.cerby.io_teamshares.yaml", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_passes_on_freshly_written_files()
    {
        Run(_temp.FullName);

        var (exitCode, _, stderr) = Run("--check", _temp.FullName);

        Assert.True(exitCode == 0, stderr);
    }

    [Fact]
    public void Check_fails_and_names_the_file_that_differs()
    {
        Run(_temp.FullName);
        var edited = Path.Combine(_temp.FullName, "access.cerby.io_teamshares.yaml");
        File.AppendAllText(edited, "# hand edit\n");

        var (exitCode, _, stderr) = Run("--check", _temp.FullName);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{edited}: differs from the generated CRD", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("businesshubs", stderr, StringComparison.Ordinal);
        Assert.Contains("Regenerate with:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_fails_on_a_missing_file()
    {
        Run(_temp.FullName);
        var removed = Path.Combine(_temp.FullName, "access.cerby.io_businesshubs.yaml");
        File.Delete(removed);

        var (exitCode, _, stderr) = Run("--check", _temp.FullName);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{removed}: missing", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ignores_crlf_line_endings()
    {
        Run(_temp.FullName);
        var path = Path.Combine(_temp.FullName, "access.cerby.io_teamshares.yaml");
        File.WriteAllText(path, File.ReadAllText(path).ReplaceLineEndings("\r\n"));

        var (exitCode, _, stderr) = Run("--check", _temp.FullName);

        Assert.True(exitCode == 0, stderr);
    }

    [Fact]
    public void Writing_deletes_a_stale_manifest_that_check_reports()
    {
        var stale = Path.Combine(_temp.FullName, "access.cerby.io_oldkinds.yaml");
        var unrelated = Path.Combine(_temp.FullName, "kustomization.yaml");
        Run(_temp.FullName);
        File.WriteAllText(stale, "kind: CustomResourceDefinition\n");
        File.WriteAllText(unrelated, "resources: []\n");

        var (checkExitCode, _, checkStderr) = Run("--check", _temp.FullName);
        Run(_temp.FullName);

        Assert.Equal(1, checkExitCode);
        Assert.Contains($"{stale}: no kind generates it", checkStderr, StringComparison.Ordinal);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(unrelated));
    }

    [Theory]
    [InlineData]
    [InlineData("--check")]
    [InlineData("--force", "crds")]
    [InlineData("a", "b")]
    public void Bad_arguments_print_usage_and_exit_2(params string[] args)
    {
        var (exitCode, _, stderr) = Run(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("usage: crds", stderr, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = CrdsCommand.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cerby.Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Cerby.Operator.sln above {AppContext.BaseDirectory}.");
    }
}
