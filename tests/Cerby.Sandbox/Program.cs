using System.Diagnostics;
using Cerby.Sandbox;

// The one-command local sandbox: ./sandbox.sh [--exit-after]. Starts everything on 127.0.0.1, walks the seed flows,
// then keeps running until Ctrl+C, or with --exit-after stops and exits 0 only if every step reached its state.
const string Usage = """
    usage: sandbox.sh [--exit-after]

    Starts on 127.0.0.1 (free ports) the Kubernetes API test server, the Okta emulator, the scimmy SCIM app and the
    operator (cerby-operator run, a child process); applies crds/ and examples/sandbox/ with kubectl; walks the seed
    flows (join a group, join a second one, leave it, be deactivated), printing the app's members and the new Events
    after each step.

      --exit-after   stop after the walk; exit 0 only if every step reached its expected state (for CI)
    """;

var exitAfter = false;
foreach (var arg in args)
{
    switch (arg)
    {
        case "--exit-after":
            exitAfter = true;
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument \"{arg}\"\n{Usage}");
            return 2;
    }
}

using var stop = new StopSignal();

var output = Console.Out;
var clock = Stopwatch.StartNew();
try
{
    output.WriteLine("Starting the cerby-operator sandbox on 127.0.0.1:");
    await using var sandbox = await SandboxEnvironment.StartAsync(output, stop.Token);
    output.WriteLine($"export KUBECONFIG={sandbox.KubeconfigPath}");

    var ids = SeedWalk.Prepare(sandbox.Okta.Org);
    await sandbox.ApplyManifestsAsync(stop.Token);
    output.WriteLine("Applied examples/sandbox/*.yaml.tmpl (namespace sandbox: Secrets, IdentityProvider okta, BusinessHub scim-app, 2 IdpGroupBindings, 2 TeamShares)");
    output.WriteLine($"Okta: groups Marketing Editors and Marketing Admins; alice in Admins, carol in Editors, bob in neither. Started in {clock.Elapsed.TotalSeconds:F1} s.");

    var events = new EventFeed(sandbox.Kubectl, SandboxEnvironment.Namespace);
    bool walked;
    try
    {
        walked = await new SeedWalk(sandbox, events, output).RunAsync(ids, stop.Token);
    }
    catch (InvalidOperationException ex) when (sandbox.Operator.HasExited)
    {
        Console.Error.WriteLine($"sandbox: {ex.Message}");
        PrintLogTail(sandbox.Operator.LogPath, 40);
        return 1;
    }

    output.WriteLine();
    output.WriteLine(walked ? "Every step reached its expected state." : "Some step did NOT reach its expected state (see above).");
    if (!walked)
    {
        PrintLogTail(sandbox.Operator.LogPath, 40);
    }

    if (exitAfter)
    {
        output.WriteLine($"--exit-after: stopping (total {clock.Elapsed.TotalSeconds:F1} s).");
        return walked ? 0 : 1;
    }

    SandboxBanner.Print(sandbox, output);
    output.WriteLine(OktaConsole.Help);
    _ = new OktaConsole(sandbox, events, output).RunAsync(stop.Token); // ends with stdin or Ctrl+C; the wait below decides when to stop
    var operatorDied = !await WaitUntilStoppedAsync(sandbox, stop.Token);
    output.WriteLine("Stopping the sandbox.");
    return operatorDied ? 1 : 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    output.WriteLine("Stopped.");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or HttpRequestException or FileNotFoundException)
{
    Console.Error.WriteLine($"sandbox: {ex.Message}");
    return 1;
}

// The end of the operator's log, to see why a step was missed (the log is deleted with the sandbox).
static void PrintLogTail(string path, int lines)
{
    using var shared = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    using var reader = new StreamReader(shared);
    var tail = new Queue<string>();
    while (reader.ReadLine() is { } line)
    {
        tail.Enqueue(line);
        if (tail.Count > lines)
        {
            tail.Dequeue();
        }
    }

    Console.Error.WriteLine($"--- last {tail.Count} lines of the operator log ---");
    foreach (var line in tail)
    {
        Console.Error.WriteLine(line);
    }
}

// Runs until Ctrl+C or SIGTERM (true), or until the operator process dies (false).
static async Task<bool> WaitUntilStoppedAsync(SandboxEnvironment sandbox, CancellationToken stop)
{
    try
    {
        while (!sandbox.Operator.HasExited)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stop);
        }

        Console.Error.WriteLine("sandbox: the operator exited");
        PrintLogTail(sandbox.Operator.LogPath, 40);
        return false;
    }
    catch (OperationCanceledException)
    {
        return true; // Ctrl+C
    }
}
