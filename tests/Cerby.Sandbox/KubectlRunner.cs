using System.ComponentModel;
using System.Diagnostics;

namespace Cerby.Sandbox;

/// <summary>
/// Runs the real <c>kubectl</c> with the sandbox's kubeconfig and a discovery cache of its own; each command has a
/// deadline. Output is returned, never echoed here.
/// </summary>
internal sealed class KubectlRunner(string kubeconfigPath, string cacheDirectory)
{
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Runs kubectl and returns stdout; throws with stderr when it exits non-zero.</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> args, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.Environment["KUBECONFIG"] = kubeconfigPath;
        info.ArgumentList.Add($"--cache-dir={cacheDirectory}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("kubectl is not on PATH: the sandbox applies its manifests with the real kubectl", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
                process.StandardInput.Close();
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(CommandDeadline);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {CommandDeadline.TotalSeconds:0} s");
            }

            return process.ExitCode == 0
                ? await stdout
                : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {(await stderr).Trim()}");
        }
    }
}
