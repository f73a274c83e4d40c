using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// Seed 002 ("check for updates"): members or roles in the app that no share justifies and the operator did not cause
/// are reported under drift policy report and corrected under enforce.
/// </summary>
public sealed class DriftTests
{
    private static PlanningWorld World(DriftMode mode) => new PlanningWorld()
        .Hub(policy: new HubPolicy { Drift = mode, RemovalGuard = new() { MaxRemovals = 100, MaxRemovalsPercent = 100 } })
        .Users("alice").Group("editors", "alice").TeamShare("e", "editors", "Editor");

    [Fact]
    public void Member_added_by_hand_is_reported_not_removed_under_report()
    {
        var plan = World(DriftMode.Report).InApp("alice", "EMPLOYEE").InApp("mallory", "ADMIN", managed: false).Plan();

        Assert.Empty(plan.Changes);
        var drift = Assert.Single(plan.Drift);
        Assert.False(drift.Corrected);
        Assert.Equal((Remove, "mallory@example.com"), (drift.Change.Kind, drift.Change.Email));
        Assert.Equal("not justified by any share and not provisioned by the operator", drift.Change.Reason);
    }

    [Fact]
    public void An_approved_drift_report_is_applied_exactly_and_a_report_that_changed_since_is_not()
    {
        var world = World(DriftMode.Report).InApp("alice", "EMPLOYEE").InApp("mallory", "ADMIN", managed: false);
        var report = world.Plan();
        Assert.NotNull(report.DriftHash);

        var applied = world.Plan(approvedDriftHash: report.DriftHash);
        Assert.True(applied.Single(Remove, "mallory").Drift);
        Assert.True(Assert.Single(applied.Drift).Corrected);
        Assert.Null(applied.DriftHash);

        // Someone else was added by hand after the review: the approved hash no longer matches, nothing is applied.
        var changed = world.InApp("trent", "EMPLOYEE", managed: false).Plan(approvedDriftHash: report.DriftHash);
        Assert.Empty(changed.Changes);
        Assert.Equal(2, changed.Drift.Count);
        Assert.NotEqual(report.DriftHash, changed.DriftHash);
    }

    [Fact]
    public void Member_added_by_hand_is_removed_under_enforce()
    {
        var plan = World(DriftMode.Enforce).InApp("alice", "EMPLOYEE").InApp("mallory", "ADMIN", managed: false).Plan();

        var remove = plan.Single(Remove, "mallory");
        Assert.True(remove.Drift);
        Assert.True(Assert.Single(plan.Drift).Corrected);
    }

    [Fact]
    public void Role_raised_by_hand_on_a_member_the_operator_did_not_provision_is_drift()
    {
        var report = World(DriftMode.Report).InApp("alice", "ADMIN", managed: false).Plan();
        var enforce = World(DriftMode.Enforce).InApp("alice", "ADMIN", managed: false).Plan();

        Assert.Empty(report.Changes);
        Assert.Equal(LowerRole, Assert.Single(report.Drift).Change.Kind);
        Assert.Equal("Editor", enforce.Single(LowerRole, "alice").To);
    }

    [Fact]
    public void Unmanaged_member_a_share_justifies_is_adopted_and_raised_without_drift()
    {
        var plan = World(DriftMode.Report).InApp("alice", "ANALYST", managed: false).Plan();

        plan.Single(RaiseRole, "alice");
        Assert.Empty(plan.Drift);
    }

    [Fact]
    public void Asset_granted_by_hand_is_drift()
    {
        var plan = World(DriftMode.Report)
            .InApp("alice", "EMPLOYEE", managed: false, assets: [new AppAsset(AssetKind.Page, "9", ["MANAGE"])])
            .Plan();

        Assert.Empty(plan.Changes);
        Assert.Equal("page/9", Assert.Single(plan.Drift).Change.Asset!.ToString());
    }

    [Fact]
    public void Removal_that_reached_only_the_idp_is_applied_for_members_the_operator_provisioned()
    {
        // The deprecated flow left such users in the app until "check for updates"; here they go at once.
        var plan = World(DriftMode.Report).InApp("alice", "EMPLOYEE").InApp("bob", "EMPLOYEE", managed: true).Plan();

        plan.OnlyChanges((Remove, "bob"));
        Assert.Empty(plan.Drift);
    }
}
