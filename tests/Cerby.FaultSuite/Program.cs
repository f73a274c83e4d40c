using System.Diagnostics;
using Cerby.FaultSuite;
using Cerby.FaultSuite.Scenarios;
using Cerby.FaultSuite.World;
using Cerby.Sandbox;

// The fault suite: dotnet run -c Release --project tests/Cerby.FaultSuite [-- --only NAME[,NAME…]] [--keep] [--failover-budget S]
Scenario[] all =
[
    new StandbyLosesPushes(), new RestartLosesScimState(), new CrashMidApply(), new LostResponse(), new CrossNamespaceFreeze(),
    new InvalidShareFreezesHub(), new HostileHook(), new SecretEcho(), new Failover(), new PushMemory(),
];
var usage = $"""
    usage: dotnet run -c Release --project tests/Cerby.FaultSuite -- [--only NAME[,NAME...]] [--keep] [--failover-budget SECONDS] [--list]

    Runs each scenario in a world of its own (test API server, emulators, scimmy, real operator processes) and prints
    a table of counts; exits 1 when any count is not zero or a scenario could not finish, 2 on bad arguments.
      --only             run these scenarios only (repeatable)
      --keep             keep each scenario's folder (operator logs, kubeconfig) under {Path.GetTempPath()}
      --failover-budget  fail the failover scenario when the first app change after kill -9 takes longer
      --list             list the scenarios

    scenarios:
    {string.Join("\n", all.Select(s => $"  {s.Name,-16} {s.Finding}"))}
    """;

var only = new List<string>();
var keep = false;
TimeSpan? failoverBudget = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--only" when i + 1 < args.Length:
            only.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            break;
        case "--keep":
            keep = true;
            break;
        case "--failover-budget" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
            failoverBudget = TimeSpan.FromSeconds(seconds);
            i++;
            break;
        case "--list":
            Console.WriteLine(string.Join("\n", all.Select(s => $"{s.Name,-16} {s.Finding}")));
            return 0;
        case "-h" or "--help":
            Console.WriteLine(usage);
            return 0;
        default:
            Console.Error.WriteLine($"bad argument \"{args[i]}\"\n{usage}");
            return 2;
    }
}

var unknown = only.Where(name => all.All(s => s.Name != name)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"no scenario named {string.Join(", ", unknown)}\n{usage}");
    return 2;
}

using var stop = new StopSignal();

var results = new List<ScenarioResult>();
foreach (var scenario in all.Where(s => only.Count == 0 || only.Contains(s.Name)))
{
    Console.WriteLine($"== {scenario.Name}: {scenario.Finding}");
    var result = new ScenarioResult(scenario.Name);
    var clock = Stopwatch.StartNew();
    using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
    bounded.CancelAfter(TimeSpan.FromMinutes(3));
    try
    {
        await using var world = await FaultWorld.StartAsync(scenario.Name, keep, bounded.Token);
        try
        {
            await scenario.RunAsync(world, result, bounded.Token);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException or IOException or OperationCanceledException)
        {
            result.Error = ex is OperationCanceledException && !stop.IsCancellationRequested ? "the scenario ran past its 3-minute bound" : ex.Message;
        }

        if (!stop.IsCancellationRequested)
        {
            var (count, where) = await SecretScan.RunAsync(world, CancellationToken.None);
            result.SecretsFound = count;
            where.ToList().ForEach(w => result.Note($"credential found: {w}"));
        }

        if (keep)
        {
            result.Note($"kept {world.WorkDirectory}");
        }
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException or IOException or FileNotFoundException)
    {
        result.Error ??= ex.Message;
    }

    if (failoverBudget is { } budget && result.FirstAppChange > budget)
    {
        result.Error = $"the first app change came {result.FirstAppChange.Value.TotalSeconds:F1} s after the kill, over the budget of {budget.TotalSeconds:0} s";
    }

    result.Elapsed = clock.Elapsed;
    results.Add(result);
    Console.WriteLine($"   {(result.Error is not null ? "ERROR" : result.Clean ? "ok" : "FAIL")} in {clock.Elapsed.TotalSeconds:F0} s");
    if (stop.IsCancellationRequested)
    {
        break;
    }
}

ResultTable.Print(results, Console.Out);
return results.All(r => r.Clean) && !stop.IsCancellationRequested ? 0 : 1;
