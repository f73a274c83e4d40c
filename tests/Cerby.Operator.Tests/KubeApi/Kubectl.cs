using System.Diagnostics;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>
/// Runs the real <c>kubectl</c> against a test server: its kubeconfig in <c>KUBECONFIG</c> and a discovery cache of
/// its own. A missing kubectl fails the test (it must not silently skip).
/// </summary>
internal sealed class Kubectl(string kubeconfigPath, string cacheDirectory)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        return await process.WaitAsync();
    }

    /// <summary>Starts a command that the test lets run (e.g. <c>delete</c> waiting on a finalizer) and collects later.</summary>
    public RunningKubectl Start(params string[] args)
    {
        var info = new ProcessStartInfo(ExecutablePath.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Cli.RepoPaths.Root,
        };
        info.Environment["KUBECONFIG"] = kubeconfigPath;
        info.ArgumentList.Add($"--cache-dir={cacheDirectory}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new RunningKubectl(Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start"), string.Join(' ', args), CommandTimeout);
    }

    private static readonly Lazy<string> ExecutablePath = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("kubectl is not on PATH: the kubectl tests need the real kubectl (v1.32 or later); install it, they do not skip."));
}

/// <summary>A kubectl process in flight.</summary>
internal sealed class RunningKubectl(Process process, string command, TimeSpan timeout) : IDisposable
{
    private readonly Task<string> stdout = process.StandardOutput.ReadToEndAsync();
    private readonly Task<string> stderr = process.StandardError.ReadToEndAsync();

    public bool HasExited => process.HasExited;

    public async Task<KubectlResult> WaitAsync()
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {command} did not finish within {timeout.TotalSeconds} s; stderr: {await stderr}");
        }

        return new KubectlResult(command, process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}

/// <summary>What a kubectl command printed and returned.</summary>
internal sealed record KubectlResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails the test with kubectl's output unless it exited 0; returns stdout.</summary>
    public string Succeeded()
    {
        Assert.True(ExitCode == 0, $"kubectl {Command} exited {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        return Stdout;
    }

    /// <summary>Fails the test unless kubectl failed; returns stderr.</summary>
    public string Failed()
    {
        Assert.True(ExitCode != 0, $"kubectl {Command} should have failed\nstdout: {Stdout}");
        return Stderr;
    }
}
