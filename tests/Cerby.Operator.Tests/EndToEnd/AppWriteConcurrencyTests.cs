using System.Diagnostics;
using Cerby.Emulators.Meta;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Issue 15, cold start at speed: a hub's writes go out in parallel up to its <c>spec.writeConcurrency</c>, and a
/// throttling app makes them back off together instead of every worker hammering it. Writes in flight and 429s are
/// counted at the Meta emulator.
/// </summary>
public sealed class AppWriteConcurrencyTests(ITestOutputHelper output) : EndToEndTest
{
    private const string Ns = "e2e-write-concurrency";
    private const string Group = "Launch";

    [Fact]
    public async Task A_hub_with_write_concurrency_2_never_has_more_than_2_writes_in_flight_at_the_app()
    {
        const int People = 24;
        OktaTeam(People);
        Sandbox.Meta.Faults.Inject(MetaFault.Slow(TimeSpan.FromMilliseconds(150)), times: People, methods: ["POST"]);
        Sandbox.Meta.Calls.Clear();

        await ApplyMetaHubAsync(writeConcurrency: 2);
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.PendingInvites == People, "everyone invited", OperatorSandbox.MetaHub, TimeSpan.FromSeconds(60));

        Assert.Equal(2, Sandbox.Meta.Writes.MaxInFlight);
        Assert.Equal(People, Sandbox.Meta.Calls.Count("POST", "/business_users"));
    }

    [Fact]
    public async Task A_throttling_app_gets_fewer_writes_in_flight_and_every_invite_still_goes_out_once()
    {
        const int People = 40;
        OktaTeam(People);
        Sandbox.Meta.Writes.Limit = 3;
        Sandbox.Meta.Writes.RetryAfter = TimeSpan.FromSeconds(1);
        Sandbox.Meta.Faults.Inject(MetaFault.Slow(TimeSpan.FromMilliseconds(100)), times: 10 * People, methods: ["POST"]);

        var clock = Stopwatch.StartNew();
        await ApplyMetaHubAsync(writeConcurrency: 8);
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.PendingInvites == People, "everyone invited despite the throttling", OperatorSandbox.MetaHub, TimeSpan.FromSeconds(90));
        output.WriteLine($"{People} invites, {Sandbox.Meta.Writes.Throttled} writes throttled, in {clock.Elapsed.TotalSeconds:0.0} s");

        // Eight workers each retrying their own 429 keep hitting the limit; backing off together, the writes in flight
        // fall under it after the first burst and only probe it now and then.
        var throttled = Sandbox.Meta.Writes.Throttled;
        Assert.InRange(throttled, 1, People / 2);
        Assert.Equal(People + throttled, Sandbox.Meta.Calls.Count("POST", "/business_users"));
        Assert.Equal(People, Enumerable.Range(0, People).Count(i => Sandbox.Meta.Business.InviteByEmail(Email(i)) is not null));
    }

    private static string Email(int i) => $"w{i:D3}@acme.test";

    private void OktaTeam(int count)
    {
        var group = Sandbox.Org.CreateGroup(Group);
        for (var i = 0; i < count; i++)
        {
            Sandbox.Org.AddToGroup(group, Sandbox.Org.CreateUser(Email(i)));
        }
    }

    private async Task ApplyMetaHubAsync(int writeConcurrency)
    {
        var hub = Sandbox.MetaHubManifest(Ns).Replace("\n  policy: {", $"\n  writeConcurrency: {writeConcurrency}\n  policy: {{", StringComparison.Ordinal);
        Assert.Contains("writeConcurrency", hub, StringComparison.Ordinal);
        await Sandbox.ApplyAsync((Sandbox.Basics(Ns) + hub).Replace("resyncInterval: 30s", "resyncInterval: 10m", StringComparison.Ordinal)
            + OperatorSandbox.Binding(Ns, "team", Group) + OperatorSandbox.Share(Ns, "team", "Editor", team: "team", hub: OperatorSandbox.MetaHub));
    }
}
