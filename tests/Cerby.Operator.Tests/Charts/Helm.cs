using System.Diagnostics;
using Cerby.Emulators.Tools;
using Cerby.Operator.Tests.Cli;

namespace Cerby.Operator.Tests.Charts;

/// <summary>
/// Runs the real <c>helm</c> on the repository's chart. It is found as <c>CERBY_HELM</c>, then <c>.tools/bin/helm</c> (where
/// <c>tests/tools/install-helm.sh</c> puts it; the tests run that script the first time), then on <c>PATH</c>.
/// </summary>
internal static class Helm
{
    public const string ReleaseName = "cerby";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The chart folder, <c>charts/cerby-operator</c>.</summary>
    public static string ChartDirectory { get; } = Path.Combine(RepoPaths.Root, "charts", "cerby-operator");

    /// <summary>Why helm could not be installed, or null (then <see cref="ExecutablePath"/> is set).</summary>
    private static readonly string? InstallFailure = ToolInstaller.EnsureHelm(RepoPaths.Root, () => Find() is not null);

    /// <summary>The helm executable (installed by <c>tests/tools/install-helm.sh</c> the first time), or null.</summary>
    public static string? ExecutablePath { get; } = Find();

    /// <summary>Why the chart tests skip, or null when helm is there.</summary>
    public static string? SkipReason => ExecutablePath is null
        ? $"helm is not installed and tests/tools/install-helm.sh could not install it: {InstallFailure}"
        : null;

    public static HelmResult Run(params string[] args) => RunIn(null, args);

    /// <summary>
    /// Runs helm with <paramref name="home"/> as HOME, so its Kubernetes discovery cache (<c>~/.kube/cache</c>) is
    /// its own: a later test server on the same port with other types must not meet a stale cache.
    /// </summary>
    public static HelmResult RunIn(string? homeDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(ExecutablePath ?? throw new InvalidOperationException(SkipReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        // A private home: no repositories, plugins or cache of the machine's user leak into the result.
        var home = Path.Combine(Path.GetTempPath(), "cerby-helm-home");
        info.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        info.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        info.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");
        if (homeDirectory is not null)
        {
            info.Environment["HOME"] = homeDirectory;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("helm did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"helm {string.Join(' ', args)} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        return new HelmResult(string.Join(' ', args), process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary><c>helm template</c> of the chart into <paramref name="releaseNamespace"/>, with <c>--set</c> values.</summary>
    public static HelmResult Template(string releaseNamespace, params string[] setValues) =>
        Run([.. TemplateArgs(releaseNamespace), .. setValues.SelectMany(value => new[] { "--set", value })]);

    /// <summary><c>helm template</c> with a values file.</summary>
    public static HelmResult TemplateWithValuesFile(string releaseNamespace, string valuesFile) =>
        Run([.. TemplateArgs(releaseNamespace), "--values", valuesFile]);

    private static string[] TemplateArgs(string releaseNamespace) => ["template", ReleaseName, ChartDirectory, "--namespace", releaseNamespace];

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CERBY_HELM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var local = Path.Combine(RepoPaths.Root, ".tools", "bin", "helm");
        return File.Exists(local)
            ? local
            : (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "helm"))
                .FirstOrDefault(File.Exists);
    }
}

/// <summary>What a helm command printed and returned.</summary>
internal sealed record HelmResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails the test with helm's output unless it exited 0; returns stdout.</summary>
    public string Succeeded()
    {
        Assert.True(ExitCode == 0, $"helm {Command} exited {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        return Stdout;
    }

    /// <summary>Fails the test unless helm failed; returns stderr.</summary>
    public string Failed()
    {
        Assert.True(ExitCode != 0, $"helm {Command} should have failed\nstdout: {Stdout}");
        return Stderr;
    }
}

/// <summary>A test that needs helm: skipped, with the reason, only when helm is not installed.</summary>
public sealed class HelmFactAttribute : FactAttribute
{
    public HelmFactAttribute()
    {
        if (Helm.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
