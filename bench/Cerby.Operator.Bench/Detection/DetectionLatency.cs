using System.Collections.Concurrent;
using System.Diagnostics;
using Cerby.Emulators.Okta;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Bench.Detection;

/// <summary>
/// Issue 5's figure: how long from a change in Okta (a user joins or leaves a bound group) until the operator's identity
/// cache holds it, at 10,000 users, with the default System Log poll interval, and with an Event Hook. Changes are
/// made one at a time at a random moment of the poll cycle; the clock stops when the cache raises the change.
/// </summary>
internal static class DetectionLatency
{
    private const string IdpKey = "bench/okta";
    private const string HookAuthorization = "bench-hook-authorization";

    public static async Task RunAsync(TextWriter output, int users = 10_000, int groups = 20, int pollChanges = 20, int hookChanges = 50)
    {
        await using var okta = await OktaEmulator.StartAsync();
        var org = okta.Org;
        var groupIds = Enumerable.Range(0, groups).Select(g => org.CreateGroup($"Team {g}")).ToList();
        var userIds = Enumerable.Range(0, users).Select(u => org.CreateUser($"user{u}@bench.test")).ToList();
        for (var u = 0; u < users; u++)
        {
            org.AddToGroup(groupIds[u % groups], userIds[u]);
        }

        var poll = GoDuration.TryParse(new OktaSettings().LogPollInterval, out var interval) ? interval : TimeSpan.FromSeconds(2);
        output.WriteLine($"Okta emulator: {users:N0} users in {groups} bound groups; default System Log poll interval {poll.TotalSeconds:F0} s");

        // The operator's Event Hook endpoint, on its own loopback port as the operator serves it.
        var hooks = new OktaEventHookEndpoints();
        var receiver = hooks.Register(IdpKey, HookAuthorization);
        await using var web = await StartHookHostAsync(hooks);

        foreach (var (label, changes, withHook) in new[] { ("System Log poll", pollChanges, false), ("Event Hook", hookChanges, true) })
        {
            var cache = new IdentityCache();
            var seen = new ConcurrentDictionary<(string Group, string User), long>();
            cache.Changed += delta =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var change in delta.Events)
                {
                    seen.TryAdd((change.GroupId, change.UserId), now);
                }
            };

            var client = OktaClientFactory.Create(okta.OrgUrl, OktaCredentials.ApiToken(okta.ApiToken), TimeProvider.System, NullLogger.Instance);
            var source = new OktaIdentitySource(client, IdpKey, null, poll, TimeProvider.System, NullLogger.Instance, withHook ? receiver : null);
            var bound = groupIds.Select((_, g) => new IdpGroupReference { DisplayName = $"Team {g}" }).ToList();
            var reading = Stopwatch.StartNew();
            await using var watcher = new IdentityWatcher(IdpKey, label, source, cache, () => bound, TimeSpan.FromHours(1), TimeProvider.System,
                NullLogger.Instance, CancellationToken.None);
            while (cache.Get(IdpKey)?.LastFullRead is null)
            {
                await Task.Delay(20);
            }

            output.WriteLine($"{label}: first full read of {users:N0} users and {groups} groups in {reading.Elapsed.TotalSeconds:F1} s");
            if (withHook && !await okta.EventHooks.RegisterAsync(new Uri(HookUrl(web)), HookAuthorization))
            {
                throw new InvalidOperationException("the Event Hook did not verify");
            }

            var latencies = new List<double>();
            var random = new Random(42);
            for (var i = 0; i < changes; i++)
            {
                // A random moment of the poll cycle (hooks do not depend on it, so their changes come faster).
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, withHook ? 100 : (int)poll.TotalMilliseconds)));
                var user = userIds[random.Next(users)];
                var group = groupIds[random.Next(groups)];
                var inGroup = org.Read(view => view.Groups[group].Members.Contains(user));
                var started = Stopwatch.GetTimestamp();
                if (inGroup)
                {
                    org.RemoveFromGroup(group, user);
                }
                else
                {
                    org.AddToGroup(group, user);
                }

                var deadline = Stopwatch.StartNew();
                long at;
                while (!seen.TryRemove((group, user), out at))
                {
                    if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        throw new TimeoutException($"{label}: change {i} was not seen within 30 s");
                    }

                    await Task.Delay(5);
                }

                latencies.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
            }

            latencies.Sort();
            output.WriteLine($"{label}: {changes} changes, detection latency p50 {Percentile(latencies, 50):F0} ms, p90 {Percentile(latencies, 90):F0} ms, " +
                $"p99 {Percentile(latencies, 99):F0} ms, max {latencies[^1]:F0} ms (target: p99 < 2,000 ms)");
        }
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

    private static string HookUrl(WebApplication web) =>
        web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/idp/bench/okta/okta/events";

    private static async Task<WebApplication> StartHookHostAsync(OktaEventHookEndpoints hooks)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        hooks.Map(web);
        await web.StartAsync();
        return web;
    }
}
