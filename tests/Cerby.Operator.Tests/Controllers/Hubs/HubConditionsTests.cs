using Cerby.Operator.Resources;
using Cerby.Operator.Tests.EndToEnd;

namespace Cerby.Operator.Tests.Controllers.Hubs;

/// <summary>Conditions that say what is really going on: an invalid share is not IdP staleness.</summary>
public sealed class HubConditionsTests : EndToEndTest
{
    private const string Ns = "e2e-conditions";

    [Fact]
    public async Task An_invalid_share_makes_the_hub_Degraded_InvalidShares_naming_it_and_not_IdpStale()
    {
        var org = Sandbox.Org;
        org.AddToGroup(org.CreateGroup("Ops"), org.CreateUser("ida@acme.test"));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops")
            + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops") + OperatorSandbox.Share(Ns, "bad", "Owner", team: "ops"));

        var hub = await Sandbox.WaitForHubAsync(Ns, h => Is(h, "Degraded", ConditionStatus.True) && Is(h, "IdpStale", ConditionStatus.False),
            "Degraded=True and IdpStale=False");

        Assert.Equal("InvalidShares", Reason(hub, "Degraded"));
        Assert.Contains($"{Ns}/bad", hub.Status!.Conditions.Single(c => c.Type == "Degraded").Message, StringComparison.Ordinal);
        Assert.Equal("MembershipKnown", Reason(hub, "IdpStale"));
        var share = await Sandbox.GetAsync<TeamShare>(Ns, TeamShare.Plural, "bad");
        Assert.Contains(share.Status!.Conditions, c => c.Type == "Ready" && c.Status == ConditionStatus.False && c.Reason == "InvalidShare");

        // Fixed: no longer degraded.
        await Sandbox.KubectlAsync("delete", "teamshare", "bad", "-n", Ns, "--wait=true", "--timeout=30s");
        await Sandbox.WaitForHubAsync(Ns, h => Is(h, "Degraded", ConditionStatus.False), "Degraded=False once the invalid share is gone");
    }

    [Fact]
    public async Task A_hub_that_syncs_counts_its_reconciles_as_success_not_requeue()
    {
        var org = Sandbox.Org;
        org.AddToGroup(org.CreateGroup("Ops"), org.CreateUser("joe@acme.test"));
        var before = await Sandbox.MetricsAsync();
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops") + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops"));
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("joe@acme.test"), "joe provisioned");
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && Reason(h, "Synced") == "InSync", "the sync after the change confirmed it");

        // The status is written inside a reconcile and the reconcile is counted once it returned: wait for the count.
        var after = before;
        await Eventually.TrueAsync(
            async () =>
            {
                after = await Sandbox.MetricsAsync();
                return ReconcileCounts.Of(after, "businesshub", "success") - ReconcileCounts.Of(before, "businesshub", "success") >= 2;
            },
            () => string.Join('\n', after.Split('\n').Where(l => l.StartsWith("cerby_reconcile_total", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30));
        Assert.Equal(ReconcileCounts.Of(before, "businesshub", "requeue_after"), ReconcileCounts.Of(after, "businesshub", "requeue_after"));
    }
}
