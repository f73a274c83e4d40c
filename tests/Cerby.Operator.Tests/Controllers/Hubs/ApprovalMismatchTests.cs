using Cerby.Operator.Resources;
using Cerby.Operator.Tests.EndToEnd;

namespace Cerby.Operator.Tests.Controllers.Hubs;

/// <summary>An approval annotation with a hash that matches nothing is said out loud, with the hash that is current.</summary>
public sealed class ApprovalMismatchTests : EndToEndTest
{
    private const string Ns = "e2e-approval";

    [Fact]
    public async Task Wrong_approve_removals_and_apply_drift_hashes_get_a_Warning_and_a_condition_message_naming_the_current_hash()
    {
        var org = Sandbox.Org;
        var group = org.CreateGroup("Support");
        var users = Enumerable.Range(1, 3).Select(i => org.CreateUser($"help{i}@acme.test")).ToList();
        users.ForEach(u => org.AddToGroup(group, u));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns, hubPolicy: "removalGuard: { maxRemovals: 1 }")
            + OperatorSandbox.Binding(Ns, "support", "Support") + OperatorSandbox.Share(Ns, "support", "Viewer", team: "support"));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 3, "three seats");
        await Sandbox.CreateScimUserByHandAsync("stranger@acme.test", "viewer");
        users.ForEach(u => org.RemoveFromGroup(group, u));
        var hub = await Sandbox.WaitForHubAsync(Ns, h => Is(h, "RemovalsHeld", ConditionStatus.True) && h.Status!.Drift is { Count: 1 } && h.Status.PendingPlan?.Changes == 3,
            "three removals held and the stranger reported as drift");
        var (held, drift) = (hub.Status!.PendingPlan!.Hash, hub.Status.Drift!.Hash!);

        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns,
            $"{Annotations.ApproveRemovals}=0000wrong0000", $"{Annotations.ApplyDrift}=1111stale1111", "--overwrite");

        await WaitForEventAsync(Ns, "ApprovalMismatch", "approve-removals=0000wrong0000", "matches no held plan", held);
        await WaitForEventAsync(Ns, "ApprovalMismatch", "apply-drift=1111stale1111", "matches no drift report", drift);
        hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status!.Conditions.Single(c => c.Type == "RemovalsHeld").Message.Contains("matches no held plan", StringComparison.Ordinal),
            "RemovalsHeld says the approval matched nothing");
        Assert.Contains(held, hub.Status!.Conditions.Single(c => c.Type == "RemovalsHeld").Message, StringComparison.Ordinal);
        Assert.Contains("1111stale1111", hub.Status.Conditions.Single(c => c.Type == "Drifted").Message, StringComparison.Ordinal);
        Assert.Equal(4, (await Sandbox.ScimSeatsAsync()).Count); // nothing was released
    }
}
