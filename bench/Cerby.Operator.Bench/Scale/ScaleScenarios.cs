using System.Diagnostics;
using static Cerby.Operator.Bench.Scale.ScaleResult;

namespace Cerby.Operator.Bench.Scale;

/// <summary>
/// The scenarios of <c>--scale</c>, each in a world of its own (fresh API server, Okta, app and operator process) and
/// each bounded: a phase that passes its deadline ends the scenario with "timeout after X s (phase)" in its time cell.
/// </summary>
internal static class ScaleScenarios
{
    /// <summary>With <c>--timeline</c>: where a cold converge prints, every 2 s, the app writes, IdP calls, Kubernetes requests and the operator's RSS so far.</summary>
    public static Action<string>? Timeline { get; set; }

    /// <summary>How long the app must show no request before a change counts as finished.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Cold converge: <paramref name="users"/> Okta users in <paramref name="hubs"/> groups, one hub (own app), binding and
    /// Editor share per group; timed from the first resource created (the operator already running and ready) until every
    /// app holds its members.
    /// </summary>
    public static async Task<ScaleResult> ColdAsync(bool scim, int users, int hubs, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var row = new ScaleResult("cold converge", scim ? "SCIM" : "Meta", $"N={users:N0} H={hubs}");
        await using var world = await ScaleWorld.StartAsync($"cold-{row.App}-{users}-{hubs}", scim, hubs, cancellationToken);
        var perHub = users / hubs;
        for (var h = 0; h < hubs; h++)
        {
            var group = world.Okta.Org.CreateGroup($"Team {h}");
            for (var u = 0; u < perHub; u++)
            {
                world.Okta.Org.AddToGroup(group, world.Okta.Org.CreateUser($"u{h}-{u}@bench.test"));
            }
        }

        await world.StartOperatorAsync(cancellationToken);
        var (kube, idp) = (world.KubeRequests, world.IdpCallsAll);
        var clock = Stopwatch.StartNew();
        for (var h = 0; h < hubs; h++)
        {
            await world.CreateHubAsync(h, $"Team {h}", cancellationToken);
        }

        using var sampling = new CancellationTokenSource();
        var timeline = Timeline is { } print ? SampleAsync(world, clock, print, sampling.Token) : Task.CompletedTask;
        var converged = await Quiet.UntilAsync(async () => await AllHoldAsync(world.App, hubs, perHub), deadline, cancellationToken);
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await timeline;
        var calls = await world.App.CallsAsync();
        return row with
        {
            Time = converged ? Seconds(elapsed) : Timeout(deadline, $"{await HubsHoldingAsync(world.App, hubs, perHub)} of {hubs} hubs"),
            AppReads = $"{calls.Reads:N0}",
            AppWrites = $"{calls.Writes:N0}",
            IdpCalls = $"{world.IdpCallsAll - idp:N0}",
            KubeRequests = $"{world.KubeRequests - kube:N0}",
            PeakRss = MiB(world.PeakRssMiB),
        };
    }

    /// <summary>
    /// One change, three times: an app of <paramref name="size"/> members (seeded in the app and in one Okta group, then
    /// synced by the operator), then one more person joins the group. Per change: Okta change → the app shows the person,
    /// and the calls until the app is quiet again. With <paramref name="idle"/>, then a minute with nothing changing.
    /// </summary>
    public static async Task<IReadOnlyList<ScaleResult>> OneChangeAsync(bool scim, int size, TimeSpan deadline, bool idle, CancellationToken cancellationToken)
    {
        var row = new ScaleResult("one change (×3)", scim ? "SCIM" : "Meta", $"app {size:N0}");
        await using var world = await ScaleWorld.StartAsync($"one-{row.App}-{size}", scim, 1, cancellationToken);
        var (group, pool) = await PopulateAsync(world, size, 3);
        if (await InitialSyncAsync(world, size, deadline, cancellationToken) is { } timedOut)
        {
            return [row with { Time = timedOut, PeakRss = MiB(world.PeakRssMiB) }];
        }

        var (latencies, reads, writes, idps, kubes) = (new List<string>(), new List<long>(), new List<long>(), new List<long>(), new List<long>());
        foreach (var (id, email) in pool)
        {
            var before = await world.App.CallsAsync();
            var (idp, kube) = (world.IdpCalls, world.KubeRequests);
            var clock = Stopwatch.StartNew();
            world.Okta.Org.AddToGroup(group, id);
            if (!await Quiet.UntilAsync(() => world.App.HasAsync(0, email), deadline, cancellationToken))
            {
                latencies.Add(Timeout(deadline, "change"));
                break;
            }

            latencies.Add($"{clock.Elapsed.TotalSeconds:0.00}");
            await Quiet.SettledAsync(async () => Sum(await world.App.CallsAsync()), Settle, deadline, cancellationToken);
            var after = await world.App.CallsAsync();
            (reads, writes, idps, kubes) = ([.. reads, after.Reads - before.Reads], [.. writes, after.Writes - before.Writes], [.. idps, world.IdpCalls - idp], [.. kubes, world.KubeRequests - kube]);
        }

        var rows = new List<ScaleResult>
        {
            row with
            {
                Time = string.Join(" / ", latencies) + (latencies.All(l => !l.StartsWith('t')) ? " s" : ""),
                AppReads = Join(reads), AppWrites = Join(writes), IdpCalls = Join(idps), KubeRequests = Join(kubes), PeakRss = MiB(world.PeakRssMiB),
            },
        };
        if (idle)
        {
            var before = await world.App.CallsAsync();
            var (idp, polls, kube) = (world.IdpCallsAll, LogPolls(world), world.KubeRequests);
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken); // the measured window itself, not a wait for a condition
            var after = await world.App.CallsAsync();
            rows.Add(new ScaleResult("idle, 1 minute", row.App, row.Size)
            {
                Time = "60 s window",
                AppReads = $"{after.Reads - before.Reads}", AppWrites = $"{after.Writes - before.Writes}",
                IdpCalls = $"{world.IdpCallsAll - idp} (System Log polls: {LogPolls(world) - polls})", KubeRequests = $"{world.KubeRequests - kube}", PeakRss = MiB(world.PeakRssMiB),
            });
        }

        return rows;
    }

    /// <summary>A burst: <paramref name="changes"/> people join the group of an app of <paramref name="size"/> members at once; timed until the app holds all of them.</summary>
    public static async Task<ScaleResult> BurstAsync(bool scim, int size, int changes, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var row = new ScaleResult($"burst of {changes:N0} joins", scim ? "SCIM" : "Meta", $"app {size:N0}");
        await using var world = await ScaleWorld.StartAsync($"burst-{row.App}-{size}", scim, 1, cancellationToken);
        var (group, pool) = await PopulateAsync(world, size, changes);
        if (await InitialSyncAsync(world, size, deadline, cancellationToken) is { } timedOut)
        {
            return row with { Time = timedOut, PeakRss = MiB(world.PeakRssMiB) };
        }

        var before = await world.App.CallsAsync();
        var (idp, kube) = (world.IdpCalls, world.KubeRequests);
        var clock = Stopwatch.StartNew();
        foreach (var (id, _) in pool)
        {
            world.Okta.Org.AddToGroup(group, id);
        }

        var done = await Quiet.UntilAsync(async () => await world.App.MembersAsync(0) >= size + changes, deadline, cancellationToken);
        var elapsed = clock.Elapsed;
        await Quiet.SettledAsync(async () => Sum(await world.App.CallsAsync()), Settle, deadline, cancellationToken);
        var after = await world.App.CallsAsync();
        return row with
        {
            Time = done ? Seconds(elapsed) : Timeout(deadline, $"{await world.App.MembersAsync(0) - size} of {changes} in the app"),
            AppReads = $"{after.Reads - before.Reads:N0}", AppWrites = $"{after.Writes - before.Writes:N0}",
            IdpCalls = $"{world.IdpCalls - idp:N0}", KubeRequests = $"{world.KubeRequests - kube:N0}", PeakRss = MiB(world.PeakRssMiB),
        };
    }

    /// <summary>
    /// Shards: <paramref name="hubs"/> Meta hubs of <paramref name="perHub"/> members each, converged from cold by one
    /// instance, then (a new world) by two instances with <c>--hub-selector</c>, each hub labelled for one of them.
    /// </summary>
    public static async Task<IReadOnlyList<ScaleResult>> ShardsAsync(int hubs, int perHub, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var rows = new List<ScaleResult>();
        foreach (var shards in new[] { 1, 2 })
        {
            var row = new ScaleResult(shards == 1 ? "one instance" : "two shards", "Meta", $"H={hubs:N0} × {perHub}");
            await using var world = await ScaleWorld.StartAsync($"shards-{shards}", false, hubs, cancellationToken);
            for (var h = 0; h < hubs; h++)
            {
                var group = world.Okta.Org.CreateGroup($"Team {h}");
                for (var u = 0; u < perHub; u++)
                {
                    world.Okta.Org.AddToGroup(group, world.Okta.Org.CreateUser($"u{h}-{u}@bench.test"));
                }
            }

            var processes = new List<Sandbox.OperatorProcess>();
            for (var s = 0; s < shards; s++)
            {
                processes.Add(await world.StartOperatorAsync(cancellationToken, shards == 1 ? [] : ["--hub-selector", $"sharding.access.cerby.io/shard=s{s}"]));
            }

            var kube = world.KubeRequests;
            var clock = Stopwatch.StartNew();
            for (var h = 0; h < hubs; h++)
            {
                await world.CreateHubAsync(h, $"Team {h}", cancellationToken,
                    shards == 1 ? null : new Dictionary<string, string> { ["sharding.access.cerby.io/shard"] = $"s{h % shards}" });
            }

            var converged = await Quiet.UntilAsync(async () => await AllHoldAsync(world.App, hubs, perHub), deadline, cancellationToken);
            var elapsed = clock.Elapsed;
            var calls = await world.App.CallsAsync();
            rows.Add(row with
            {
                Time = converged ? Seconds(elapsed) : Timeout(deadline, $"{await HubsHoldingAsync(world.App, hubs, perHub)} of {hubs} hubs"),
                AppReads = $"{calls.Reads:N0}", AppWrites = $"{calls.Writes:N0}", IdpCalls = $"{world.IdpCallsAll:N0}",
                KubeRequests = $"{world.KubeRequests - kube:N0}",
                PeakRss = string.Join(" / ", processes.Select(p => MiB(ScaleWorld.PeakRss(p)))),
            });
        }

        return rows;
    }

    /// <summary>The app and one Okta group hold <paramref name="size"/> members; <paramref name="poolSize"/> more active users are in Okta only.</summary>
    private static async Task<(string Group, IReadOnlyList<(string Id, string Email)> Pool)> PopulateAsync(ScaleWorld world, int size, int poolSize)
    {
        var org = world.Okta.Org;
        var group = org.CreateGroup("Members");
        var members = new List<string>(size);
        for (var i = 0; i < size; i++)
        {
            var email = $"member{i:D6}@bench.test";
            org.AddToGroup(group, org.CreateUser(email));
            members.Add(email);
        }

        var pool = new List<(string, string)>();
        for (var i = 0; i < poolSize; i++)
        {
            var email = $"joiner{i:D5}@bench.test";
            pool.Add((org.CreateUser(email), email));
        }

        await world.App.SeedAsync(0, members);
        return (group, pool);
    }

    /// <summary>Starts the operator on the populated world and waits for the hub's first sync and a quiet app; the timeout cell when it does not come.</summary>
    private static async Task<string?> InitialSyncAsync(ScaleWorld world, int size, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await world.StartOperatorAsync(cancellationToken);
        await world.CreateHubAsync(0, "Members", cancellationToken);
        if (!await Quiet.UntilAsync(() => world.HubSyncedAsync(0, cancellationToken), deadline, cancellationToken))
        {
            return Timeout(deadline, $"first sync of {size:N0}");
        }

        return await Quiet.SettledAsync(async () => Sum(await world.App.CallsAsync()), Settle, deadline, cancellationToken) ? null : Timeout(deadline, "app quiet after the first sync");
    }

    private static async Task<bool> AllHoldAsync(IScaleApp app, int hubs, int perHub) => await HubsHoldingAsync(app, hubs, perHub) == hubs;

    private static async Task<int> HubsHoldingAsync(IScaleApp app, int hubs, int perHub)
    {
        var holding = 0;
        for (var h = 0; h < hubs; h++)
        {
            holding += await app.MembersAsync(h) >= perHub ? 1 : 0;
        }

        return holding;
    }

    private static async Task SampleAsync(ScaleWorld world, Stopwatch clock, Action<string> print, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                var calls = await world.App.CallsAsync();
                print($"      t={clock.Elapsed.TotalSeconds,6:0.0}s app reads {calls.Reads,7:N0} writes {calls.Writes,7:N0}  IdP {world.IdpCallsAll,6:N0}  kube {world.KubeRequests,7:N0}  RSS {ScaleWorld.Rss(world.Operators[0]),4:0} MiB");
            }
        }
        catch (OperationCanceledException)
        {
            // The converge ended.
        }
    }

    private static long Sum((long Reads, long Writes) calls) => calls.Reads + calls.Writes;

    private static string Join(List<long> values) => string.Join(" / ", values);

    private static long LogPolls(ScaleWorld world) => world.IdpCallsAll - world.IdpCalls;
}
