using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>
/// Delta polling that adapts, on a simulated clock with calls counted at the emulator: fast while changes flow, backing
/// off to the idle interval (5 s by default) when polls come back empty, and within spec.rateLimit.maxShare of the
/// budget the tenant announces.
/// </summary>
public sealed class EntraAdaptivePollingTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Idle_polls_back_off_to_the_idle_interval_and_a_change_brings_the_fast_pace_back()
    {
        var run = await PollAsync(fastest: "1s", limit: null, busyFrom: TimeSpan.FromMinutes(3), length: TimeSpan.FromMinutes(4));

        var idle = run.Polls.Where(p => p.At < Start.AddMinutes(3)).ToList();
        var busy = run.Polls.Where(p => p.At >= Start.AddMinutes(3).AddSeconds(10)).ToList();
        output.WriteLine($"idle gaps: {string.Join(" ", idle.Take(12).Select(p => p.Gap.TotalSeconds))} …; busy gaps: {string.Join(" ", busy.Take(8).Select(p => p.Gap.TotalSeconds))} …");
        output.WriteLine($"Graph calls per minute: {string.Join(" ", run.CallsPerMinute)}");
        Assert.All(idle.Skip(5), p => Assert.Equal(TimeSpan.FromSeconds(5), p.Gap)); // 1, 2, 4, then the 5 s idle interval
        Assert.All(busy, p => Assert.Equal(TimeSpan.FromSeconds(1), p.Gap));
        Assert.All(run.CallsPerMinute.Skip(1).Take(2), n => Assert.True(n <= 2 * 12, $"{n} idle calls in a minute")); // two delta queries every 5 s
    }

    [Fact]
    public async Task Polling_while_changes_flow_stays_within_the_declared_share_of_the_announced_budget()
    {
        // Asked to poll every second with a change before every poll; the tenant announces 20 requests a minute: the share (10) is the brake.
        var run = await PollAsync(fastest: "1s", limit: 20, busyFrom: TimeSpan.Zero, length: TimeSpan.FromMinutes(5));

        output.WriteLine($"busy, 1s, budget 20/min, maxShare 50: {string.Join(" ", run.DeltaCallsPerMinute)} delta calls and {string.Join(" ", run.CallsPerMinute)} Graph calls per minute; {run.Throttled} answered 429");
        Assert.All(run.DeltaCallsPerMinute, n => Assert.True(n <= 10, $"{n} delta calls in a minute"));
        Assert.All(run.CallsPerMinute.Skip(1), n => Assert.True(n <= 10, $"{n} Graph calls in a minute"));
        Assert.True(run.DeltaCallsPerMinute.Skip(1).Min() >= 4, "the poll still uses its share while changes flow");
        Assert.Equal(0, run.Throttled);
    }

    [Fact]
    public void The_idle_interval_is_5s_by_default_for_entra_and_okta()
    {
        Assert.Equal("5s", new EntraSettings().DeltaIdlePollInterval);
        Assert.Equal("2s", new EntraSettings().DeltaPollInterval);
        Assert.Equal("5s", new OktaSettings().LogIdlePollInterval);
    }

    private sealed record Poll(DateTimeOffset At, TimeSpan Gap);

    private sealed record Run(List<Poll> Polls, List<int> CallsPerMinute, List<int> DeltaCallsPerMinute, int Throttled);

    /// <summary>
    /// The watcher's loop (wait, poll, apply) on a simulated clock for <paramref name="length"/>, with a source built
    /// from an IdentityProvider whose deltaPollInterval is <paramref name="fastest"/> (defaults otherwise); from
    /// <paramref name="busyFrom"/> on a member joins or leaves before every poll.
    /// </summary>
    private static async Task<Run> PollAsync(string fastest, int? limit, TimeSpan busyFrom, TimeSpan length)
    {
        var time = new FakeTimeProvider(Start);
        await using var entra = await EntraFixture.StartAsync(time);
        entra.Emulator.RateLimits.Limit = limit;
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var alice = entra.Tenant.CreateUser("alice@example.com");
        var provider = new IdentityProvider
        {
            Metadata = new() { Name = "entra", NamespaceProperty = "default" },
            Spec = new IdentityProviderSpec
            {
                Type = IdentityProviderType.Entra,
                Entra = entra.Settings with { DeltaPollInterval = fastest },
                CredentialsSecretRef = new() { Name = "entra" },
            },
        };
        var secret = new Dictionary<string, byte[]> { ["clientSecret"] = System.Text.Encoding.UTF8.GetBytes(entra.Emulator.ClientSecret) };
        await using var source = EntraIdentitySource.FromResource(provider, secret, time, entra.Log,
            policy: new EntraRetryPolicy(MaxAttempts: 2, FirstBackoff: TimeSpan.FromSeconds(1), RequestTimeout: TimeSpan.FromHours(1)));
        var read = source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        await DriveAsync(time, read);
        var directory = (await read).Directory;

        var polls = new List<Poll>();
        var calls = new List<(DateTimeOffset At, string Call)>();
        var member = false;
        var throttled = 0;
        var seen = entra.Emulator.Requests.Count;
        while (time.GetUtcNow() - Start < length)
        {
            var waitStarted = time.GetUtcNow();
            var wait = source.WaitForChangesAsync(CancellationToken.None);
            while (!wait.IsCompleted)
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
            }

            await wait;
            polls.Add(new Poll(time.GetUtcNow(), time.GetUtcNow() - waitStarted));
            if (time.GetUtcNow() - Start >= busyFrom)
            {
                if (member)
                {
                    entra.Tenant.RemoveMember(editors, alice);
                }
                else
                {
                    entra.Tenant.AddMember(editors, alice);
                }

                member = !member;
            }

            var polling = source.PollAsync(directory, CancellationToken.None);
            await DriveAsync(time, polling);
            try
            {
                directory = (await polling).ApplyTo(directory);
            }
            catch (IdentitySourceException)
            {
                // the watcher keeps the last-known state and polls again
            }

            var requests = entra.Emulator.Requests;
            calls.AddRange(requests.Skip(seen).Where(r => !r.Contains("/token", StringComparison.Ordinal)).Select(r => (time.GetUtcNow(), r)));
            seen = requests.Count;
        }

        throttled = entra.Log.Lines.Count(l => l.Contains("(429)", StringComparison.Ordinal));
        var minutes = (int)length.TotalMinutes;
        List<int> PerMinute(Func<string, bool> which) =>
            Enumerable.Range(0, minutes).Select(m => calls.Count(c => which(c.Call) && c.At >= Start.AddMinutes(m) && c.At < Start.AddMinutes(m + 1))).ToList();
        return new Run(polls, PerMinute(_ => true), PerMinute(c => c.Contains("/delta", StringComparison.Ordinal)), throttled);
    }

    /// <summary>Lets a call finish: the clock moves only while it waits on the clock (a Retry-After), never during a plain request.</summary>
    private static async Task DriveAsync(FakeTimeProvider time, Task task)
    {
        while (!task.IsCompleted)
        {
            if (await Task.WhenAny(task, Task.Delay(50)) != task)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }
    }
}
