using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Cerby.Emulators.Tools;

namespace Cerby.Emulators.Scim;

/// <summary>
/// Runs the real SCIM app (tests/scim-app/server.js: scimmy + scimmy-routers + express) with node on a free loopback
/// port, for the tests, the sandbox and the latency benchmark, and stops it on dispose. Installs the app's packages from
/// its lock file the first time; fails loudly when node or npm is missing.
/// </summary>
internal sealed class ScimAppServer : IDisposable
{
    private readonly Process _process;

    private ScimAppServer(Process process, int port)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary>http://127.0.0.1:port; SCIM is under /scim/v2.</summary>
    public string BaseUrl { get; }

    /// <summary>The SCIM base URL a BusinessHub's connector points at.</summary>
    public string ScimUrl => BaseUrl + "/scim/v2";

    public int ProcessId => _process.Id;

    /// <summary>Starts the app from <paramref name="appDirectory"/> (the folder holding server.js and node_modules).</summary>
    public static async Task<ScimAppServer> StartAsync(string appDirectory, string token, TimeSpan startDeadline)
    {
        if (ToolInstaller.EnsureNpmPackages(appDirectory, "scimmy-routers") is { } notInstalled)
        {
            throw new InvalidOperationException($"the SCIM app's packages are missing and could not be installed: {notInstalled}");
        }

        var start = new ProcessStartInfo("node", ["server.js", "0"])
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SCIM_TOKEN"] = token;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("node is not on PATH: the SCIM app needs Node.js 18+ (and npm ci --prefix tests/scim-app)", ex);
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("listening ", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(int.Parse(line.Data["listening ".Length..], CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                errors.Enqueue(line.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"the SCIM app exited: {string.Join('\n', errors)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            return new ScimAppServer(process, await listening.Task.WaitAsync(startDeadline));
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Stop(_process);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
