using System.ComponentModel;
using System.Diagnostics;

namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>
/// Runs tests/scim-app/server.js (scimmy + scimmy-routers + express) on a free loopback port and stops it on dispose.
/// Fails loudly when node or the app's packages are missing.
/// </summary>
public sealed class ScimAppProcess : IDisposable
{
    private readonly Process process;

    private ScimAppProcess(Process process, int port)
    {
        this.process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary>http://127.0.0.1:port; SCIM is under /scim/v2, the test switches under /admin.</summary>
    public string BaseUrl { get; }

    public static async Task<ScimAppProcess> StartAsync(string token)
    {
        var app = Path.Combine(RepositoryRoot(), "tests", "scim-app");
        if (!Directory.Exists(Path.Combine(app, "node_modules", "scimmy-routers")))
        {
            throw new InvalidOperationException($"{app}/node_modules is missing: run npm ci in tests/scim-app (npm ci --prefix tests/scim-app)");
        }

        var start = new ProcessStartInfo("node", ["server.js", "0"])
        {
            WorkingDirectory = app,
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
            throw new InvalidOperationException("node is not on PATH: the SCIM contract tests need Node.js 18+ and npm ci in tests/scim-app", ex);
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("listening ", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(int.Parse(line.Data["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture));
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

        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new ScimAppProcess(process, port);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cerby.Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Cerby.Operator.sln above {AppContext.BaseDirectory}");
    }
}
