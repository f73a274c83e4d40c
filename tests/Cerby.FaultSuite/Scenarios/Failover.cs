using System.Diagnostics;
using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// Two replicas; the leader is killed (-9) and, at the same moment, jack joins the Okta group. Measures the seconds
/// until the standby holds the Lease and until jack's seat appears (the new leader's first app change); the app sits
/// behind a proxy that counts creates, so a seat written by both replicas shows as a duplicate.
/// </summary>
internal sealed class Failover() : Scenario("failover", "9. failover: kill -9 of the leader until the other leads and acts")
{
    private const string Ns = "failover";

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var okta = await world.StartOktaAsync(cancellationToken);
        var app = await world.StartScimAppAsync();
        var proxy = await world.StartProxyAsync(new Uri(app.Server.BaseUrl), cancellationToken);
        var (team, _) = Stages.OktaGroup(okta.Org, "Team", ["ivy@acme.test"]);
        var jack = okta.Org.CreateUser("jack@acme.test");
        await world.ApplyAsync(Stages.OktaAndScimHub(Ns, okta.OrgUrl.ToString(), okta, proxy.Rewrite(app.Server.ScimUrl), app)
            + Manifests.Binding(Ns, "team", "Team", "okta") + Manifests.TeamShare(Ns, "team", "app", "Editor", "team"), cancellationToken);
        var a = await world.StartOperatorAsync("op-a", leaderElect: true, cancellationToken);
        var b = await world.StartOperatorAsync("op-b", leaderElect: true, cancellationToken);
        await UntilAsync(async ct => (await Stages.SeatedAsync(app, ["ivy@acme.test"], ct)).Count == 1, Converge, "ivy seated by the leader", cancellationToken);
        using var lease = new LeaseReader(world.Server.BaseUri);
        var leader = await lease.HolderPodAsync(cancellationToken);
        var (leading, standing, other) = leader == "op-a" ? (a, b, "op-b") : (b, a, "op-a");

        var clock = Stopwatch.StartNew();
        await leading.KillAsync();
        okta.Org.AddToGroup(team, jack);
        result.FaultsInjected = 1;
        var tookLease = await WithinAsync(async ct => await lease.HolderPodAsync(ct) == other, TimeSpan.FromSeconds(90), cancellationToken);
        result.LeaseTaken = tookLease ? clock.Elapsed : null;
        var acted = await WithinAsync(async ct => (await Stages.SeatedAsync(app, ["jack@acme.test"], ct)).Count == 1, TimeSpan.FromSeconds(90) - clock.Elapsed, cancellationToken);
        result.FirstAppChange = acted ? clock.Elapsed : null;
        if (!tookLease || !acted)
        {
            result.Error = !tookLease ? $"{other} did not take the Lease within 90 s" : "jack was not seated within 90 s of the kill";
        }

        result.WrongRemovals = (await Stages.SeatedAsync(app, ["ivy@acme.test"], cancellationToken)).Count == 1 ? 0 : 1;
        result.Duplicates = AppWrites.Duplicates(proxy.Forwarded, AppWrites.IsScimCreate);
        Stages.Alive(standing, other);
    }
}
