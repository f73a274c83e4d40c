using System.Diagnostics;
using System.Reflection;

namespace Cerby.Sandbox;

/// <summary>
/// The real operator, <c>cerby-operator run</c>, as a child process: <c>dotnet cerby-operator.dll run --address
/// 127.0.0.1:port</c> plus the given flags (by default <c>--leader-elect=false</c>) with KUBECONFIG set. Its output
/// goes to a log file; it is ready when <c>/readyz</c> answers 200. <see cref="Kill"/> is <c>kill -9</c>.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private OperatorProcess(Process process, StreamWriter log, int port, string logPath)
    {
        (_process, _log, Port, LogPath) = (process, log, port, logPath);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    /// <summary>The operator's dll, built with the sandbox in the same configuration (the project reference sees to it).</summary>
    public static string DllPath()
    {
        var configuration = typeof(OperatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OperatorConfiguration")?.Value ?? "Release";
        var dll = Path.Combine(RepoPaths.Root, "operator", "bin", configuration, "net10.0", "cerby-operator.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: dotnet build -c {configuration} operator", dll);
    }

    /// <summary>The flags the sandbox runs the operator with: one instance, no leader election.</summary>
    public static IReadOnlyList<string> SandboxFlags { get; } = ["--leader-elect=false", "--workers", "2", "--pod-name", "cerby-operator-sandbox"];

    /// <param name="flags">Flags after <c>run --address</c>; <see cref="SandboxFlags"/> when null.</param>
    /// <param name="environment">Variables for the operator process only (e.g. the GC's heap limit a container's memory limit would set).</param>
    public static async Task<OperatorProcess> StartAsync(string kubeconfigPath, string logPath, TimeSpan readyDeadline, CancellationToken cancellationToken, IReadOnlyList<string>? flags = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort.Pick();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in (IEnumerable<string>)[DllPath(), "run", "--address", $"127.0.0.1:{port}", .. flags ?? SandboxFlags])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KUBECONFIG"] = kubeconfigPath;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start the operator");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = new OperatorProcess(process, log, port, logPath);
        try
        {
            using var http = new HttpClient { BaseAddress = started.Url, Timeout = TimeSpan.FromSeconds(2) };
            await Deadline.UntilAsync(async ct => process.HasExited ? throw new InvalidOperationException($"the operator exited with {process.ExitCode}; see {logPath}") : await IsReadyAsync(http, ct),
                readyDeadline, $"the operator's /readyz (log: {logPath})", cancellationToken);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary><c>kill -9</c>: SIGKILL, no shutdown hooks, the Lease is not released; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/readyz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
