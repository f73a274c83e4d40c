using System.Diagnostics;
using System.Text;

namespace Cerby.Operator.Bench.Scale;

/// <summary>
/// <c>--scale [--quick] [--only cold,one,burst,shards,read] [--apps meta,scim] [--sizes 10000,30000] [--cold-sizes 100000x100,…] [--timeline] [--shard-hubs N] [--operator-memory-limit MB]</c>:
/// the real operator process against the API test server, the Okta emulator, Meta businesses and the real scimmy app;
/// prints one table (markdown). <c>--apps</c> keeps the rows of those apps, <c>--sizes</c> sets the app sizes of the
/// one-change and burst rows, <c>--only read</c> (not in the default run) times the SCIM connector's full read alone. Every scenario
/// has its own world and deadline; nothing is estimated: a cell is a count at a peer, a time on the bench's clock, or
/// "timeout after X s".
/// </summary>
internal static class ScaleRun
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var quick = args.Contains("--quick");
        var only = Value(args, "--only")?.Split(',') ?? ["cold", "one", "burst", "shards"];
        var apps = Value(args, "--apps")?.Split(',') ?? ["meta", "scim"];
        var appKinds = new[] { false, true }.Where(scim => apps.Contains(scim ? "scim" : "meta")).ToArray();
        var sizes = Value(args, "--sizes")?.Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var shardHubs = int.Parse(Value(args, "--shard-hubs") ?? (quick ? "100" : "1000"), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<ScaleResult>();
        if (args.Contains("--timeline"))
        {
            ScaleScenarios.Timeline = output.WriteLine;
        }

        if (Value(args, "--operator-memory-limit") is { } limit)
        {
            var heap = (long)(long.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024 * 0.75);
            ScaleWorld.OperatorEnvironment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = heap.ToString("x", System.Globalization.CultureInfo.InvariantCulture) };
            output.WriteLine($"operator memory limit {limit} MB: GC heap limit {heap / 1024 / 1024} MB (DOTNET_GCHeapHardLimit, as .NET sets it in such a container)");
        }

        var started = Stopwatch.StartNew();

        async Task Run(string what, Func<Task<IEnumerable<ScaleResult>>> scenario)
        {
            output.WriteLine($"[{started.Elapsed:mm\\:ss}] {what}");
            try
            {
                var got = (await scenario()).ToList();
                rows.AddRange(got);
                foreach (var row in got)
                {
                    output.WriteLine("    " + Line(row));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.WriteLine($"    failed: {e.GetType().Name}: {e.Message}");
                rows.Add(new ScaleResult(what, "", "") { Time = "failed: " + e.GetType().Name });
            }
        }

        var ct = CancellationToken.None;
        if (only.Contains("cold"))
        {
            var coldSizes = Value(args, "--cold-sizes") is { } given
                ? given.Split(',').Select(ParseSize).ToArray()
                : quick ? [(1_000, 1), (1_000, 10)] : new[] { (1_000, 1), (1_000, 10), (1_000, 100), (10_000, 1), (10_000, 10), (10_000, 100), (100_000, 1), (100_000, 10), (100_000, 100) };
            foreach (var (users, hubs) in apps.Contains("meta") ? coldSizes : [])
            {
                var deadline = TimeSpan.FromSeconds(users switch { <= 1_000 => 90, <= 10_000 => 150, _ => 240 });
                await Run($"cold converge Meta N={users} H={hubs}", async () => [await ScaleScenarios.ColdAsync(false, users, hubs, deadline, ct)]);
            }

            foreach (var users in Value(args, "--cold-sizes") is not null || !apps.Contains("scim") ? [] : quick ? [1_000] : new[] { 1_000, 10_000 })
            {
                await Run($"cold converge SCIM N={users} H=1", async () => [await ScaleScenarios.ColdAsync(true, users, 1, TimeSpan.FromSeconds(users <= 1_000 ? 90 : 180), ct)]);
            }
        }

        if (only.Contains("one"))
        {
            foreach (var scim in appKinds)
            {
                foreach (var size in sizes ?? (quick ? [1_000] : new[] { 1_000, 10_000, 30_000 }))
                {
                    var deadline = TimeSpan.FromSeconds(size <= 1_000 ? 60 : 120);
                    await Run($"one change {(scim ? "SCIM" : "Meta")} app {size}", async () => await ScaleScenarios.OneChangeAsync(scim, size, deadline, idle: !scim && size == 1_000, ct));
                }
            }
        }

        if (only.Contains("burst"))
        {
            foreach (var scim in appKinds)
            {
                foreach (var size in sizes ?? [quick ? 1_000 : 10_000])
                {
                    await Run($"burst {(scim ? "SCIM" : "Meta")} app {size}", async () => [await ScaleScenarios.BurstAsync(scim, size, 1_000, TimeSpan.FromSeconds(180), ct)]);
                }
            }
        }

        if (only.Contains("read"))
        {
            foreach (var size in sizes ?? (quick ? [1_000] : new[] { 10_000, 30_000 }))
            {
                foreach (var maxResults in new[] { 200, 1_000 })
                {
                    await Run($"full read SCIM app {size} maxResults {maxResults}", async () => [await ScimFullRead.RunAsync(size, maxResults, TimeSpan.FromSeconds(300), ct)]);
                }
            }
        }

        if (only.Contains("shards"))
        {
            await Run($"shards, {shardHubs} hubs", async () => await ScaleScenarios.ShardsAsync(shardHubs, 10, TimeSpan.FromSeconds(300), ct));
        }

        output.WriteLine();
        output.WriteLine(Table(rows));
        output.WriteLine($"total {started.Elapsed.TotalMinutes:0.0} min; {Environment.ProcessorCount} cores; load average {LoadAverage()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        return 0;
    }

    public static string Table(IReadOnlyList<ScaleResult> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | app | size | time | app reads | app writes | IdP calls | Kubernetes requests | operator peak RSS |");
        text.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine($"| {r.Scenario} | {r.App} | {r.Size} | {r.Time} | {r.AppReads} | {r.AppWrites} | {r.IdpCalls} | {r.KubeRequests} | {r.PeakRss} |");
        }

        return text.ToString();
    }

    private static string Line(ScaleResult r) =>
        $"{r.Scenario} {r.App} {r.Size}: time {r.Time}; app reads {r.AppReads}, writes {r.AppWrites}; IdP {r.IdpCalls}; kube {r.KubeRequests}; RSS {r.PeakRss}";

    /// <summary>"100000x100": N users in H hubs.</summary>
    private static (int Users, int Hubs) ParseSize(string size)
    {
        var parts = size.Split('x');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string? Value(IReadOnlyList<string> args, string flag)
    {
        var i = args.ToList().IndexOf(flag);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
