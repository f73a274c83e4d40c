using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>
/// System Log polling within the declared share of the tenant's rate limit, counted in calls at the emulator on a
/// simulated clock: fast while events flow, backing off when idle, slower still with Event Hooks.
/// </summary>
public sealed class OktaAdaptivePollingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Run = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Idle_polling_backs_off_far_below_the_declared_share()
    {
        var perMinute = await LogCallsPerMinuteAsync(new AdaptivePollOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 50), limit: 100, busy: false, hooks: false);
        var fixedPoll = await LogCallsPerMinuteAsync(AdaptivePollOptions.Fixed(TimeSpan.FromSeconds(2)), limit: 100, busy: false, hooks: false); // as before: every 2 s

        output.WriteLine($"idle, 2s..30s, limit 100/min, maxShare 50: {string.Join(" ", perMinute)} System Log calls per minute; a fixed 2s poll: {string.Join(" ", fixedPoll)}");
        Assert.True(perMinute.Sum() * 10 <= fixedPoll.Sum());
        Assert.All(perMinute, n => Assert.True(n <= 50, $"{n} calls in a minute"));
        Assert.All(perMinute.Skip(1), n => Assert.True(n <= 3, $"{n} idle calls in a minute")); // 2 at 30 s apart
    }

    [Fact]
    public async Task Polling_while_events_flow_stays_within_the_declared_share_of_the_limit()
    {
        // Asked to poll every 100 ms with changes before every poll: the share (50 of 100 a minute) is the brake.
        var perMinute = await LogCallsPerMinuteAsync(new AdaptivePollOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), 50), limit: 100, busy: true, hooks: false);

        output.WriteLine($"busy, 100ms, limit 100/min, maxShare 50: {string.Join(" ", perMinute)} System Log calls per minute");
        Assert.All(perMinute, n => Assert.True(n <= 50, $"{n} calls in a minute"));
        Assert.True(perMinute.Max() >= 20, "the poll still uses its share while events flow");
    }

    [Fact]
    public async Task With_event_hooks_configured_the_poll_slows_down_to_a_safety_net()
    {
        var options = new AdaptivePollOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 50);
        var withHooks = await LogCallsPerMinuteAsync(options, limit: 100, busy: false, hooks: true);
        var withoutHooks = await LogCallsPerMinuteAsync(options, limit: 100, busy: false, hooks: false);

        output.WriteLine($"idle with hooks: {string.Join(" ", withHooks)}; without: {string.Join(" ", withoutHooks)} System Log calls per minute");
        Assert.All(withHooks, n => Assert.True(n <= 1, $"{n} calls in a minute with hooks"));
        Assert.True(withHooks.Sum() < withoutHooks.Sum());
    }

    [Fact]
    public async Task When_other_integrations_use_the_window_the_poll_waits_for_the_reset_instead_of_eating_their_half()
    {
        // Others make 60 of the 100 System Log requests each minute: only 50 - 60 < 0 are ours to take, so one poll a minute at most.
        var perMinute = await LogCallsPerMinuteAsync(new AdaptivePollOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), 50), limit: 100, busy: false, hooks: false, othersPerMinute: 60);

        output.WriteLine($"idle at a fixed 2s, others use 60 of 100 a minute, maxShare 50: {string.Join(" ", perMinute)} of our System Log calls per minute");
        Assert.All(perMinute, n => Assert.True(n <= 2, $"{n} calls in a minute"));
    }

    [Fact]
    public void The_resource_declares_half_of_each_window_by_default_and_a_5s_idle_poll()
    {
        Assert.Equal(50, new RateLimitSettings().MaxShare);
        Assert.Equal("5s", new OktaSettings().LogIdlePollInterval);
        Assert.Equal(50, AdaptivePollOptions.DefaultMaxSharePercent);
    }

    /// <summary>Runs the source's poll loop for <see cref="Run"/> on a simulated clock; System Log calls counted per minute.</summary>
    private static async Task<List<int>> LogCallsPerMinuteAsync(AdaptivePollOptions options, int limit, bool busy, bool hooks, int othersPerMinute = 0)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var okta = await OktaFixture.StartAsync(time, emulatorOnClientClock: true);
        okta.Emulator.RateLimits.Limit = limit;
        var editors = okta.Org.CreateGroup("Social Editors");
        var alice = okta.Org.CreateUser("alice@example.com");
        time.Advance(TimeSpan.FromSeconds(1)); // the read starts after the setup: its events are not news to the poll
        var receiver = hooks ? new OktaEventHookReceiver("hook-authorization") : null;
        await using var source = new OktaIdentitySource(okta.Client, OktaFixture.IdpKey, null, options.Fastest, time, okta.Log, receiver, options);
        var read = await source.ReadAsync([new IdpGroupReference { DisplayName = "Social Editors" }], CancellationToken.None);
        var directory = read.Directory;
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var calls = new List<DateTimeOffset>();
        var member = false;
        var minute = -1;
        while (time.GetUtcNow() - start < Run)
        {
            time.Advance(source.LogPollDelay);
            if (othersPerMinute > 0 && (int)(time.GetUtcNow() - start).TotalMinutes is var now && now != minute)
            {
                minute = now;
                for (var i = 0; i < othersPerMinute; i++)
                {
                    await okta.Client.GetLogPageAsync(new Uri($"/api/v1/logs?since={Uri.EscapeDataString(time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture))}", UriKind.Relative), CancellationToken.None);
                }
            }

            if (busy)
            {
                if (member)
                {
                    okta.Org.RemoveFromGroup(editors, alice);
                }
                else
                {
                    okta.Org.AddToGroup(editors, alice);
                }

                member = !member;
            }

            var before = okta.Emulator.Requests.Count;
            var update = await source.PollAsync(directory, CancellationToken.None);
            directory = update.ApplyTo(directory);
            calls.AddRange(okta.Emulator.Requests.Skip(before).Where(r => r.StartsWith("GET /api/v1/logs", StringComparison.Ordinal)).Select(_ => time.GetUtcNow()));
            if (source.LogPollDelay == TimeSpan.Zero)
            {
                time.Advance(TimeSpan.FromMilliseconds(10)); // a hook-only wake: let the clock move
            }
        }

        return Enumerable.Range(0, (int)Run.TotalMinutes).Select(m => calls.Count(c => c >= start.AddMinutes(m) && c < start.AddMinutes(m + 1))).ToList();
    }
}
