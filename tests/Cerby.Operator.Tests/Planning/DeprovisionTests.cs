using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// Seed 004: leaving a group, or being deactivated or deleted in the IdP, removes the user, keeps the same role, or
/// changes the role, depending on the shares that remain.
/// </summary>
public sealed class DeprovisionTests
{
    [Fact]
    public void Leaving_the_only_shared_group_removes_the_user()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("editors") // alice left
            .TeamShare("e", "editors", "Editor")
            .InApp("alice", "EMPLOYEE")
            .Plan();

        var remove = plan.Single(Remove, "alice");
        Assert.Equal("Editor", remove.From);
        Assert.Contains("no share grants access any more", remove.Reason);
    }

    [Fact]
    public void Leaving_a_group_when_another_team_grants_the_same_role_makes_no_call()
    {
        var plan = new PlanningWorld().Hub().Users("alice")
            .Group("editors").Group("writers", "alice")
            .TeamShare("e", "editors", "Editor").TeamShare("w", "writers", "Editor")
            .InApp("alice", "EMPLOYEE")
            .Plan();

        Assert.True(plan.IsEmpty, PlanAssert.Describe(plan));
    }

    [Fact]
    public void Leaving_a_group_when_another_team_grants_a_lower_role_lowers_the_role()
    {
        var plan = new PlanningWorld().Hub().Users("alice")
            .Group("admins").Group("viewers", "alice")
            .TeamShare("a", "admins", "Admin").TeamShare("v", "viewers", "Viewer")
            .InApp("alice", "ADMIN")
            .Plan();

        var lower = plan.Single(LowerRole, "alice");
        Assert.Equal(("Admin", "Viewer"), (lower.From, lower.To));
        Assert.Equal("ANALYST", lower.NativeRole);
        Assert.Equal("Viewer via team viewers (TeamShare default/v); no share grants Admin any more", lower.Reason);
    }

    [Fact]
    public void Leaving_a_group_takes_away_assets_only_that_group_shared()
    {
        var plan = new PlanningWorld().Hub().Users("alice")
            .Group("social").Group("editors", "alice")
            .TeamShare("s", "social", "Editor", "hub", new AssetShare { Kind = AssetKind.Page, Id = "1" })
            .TeamShare("e", "editors", "Editor")
            .InApp("alice", "EMPLOYEE", assets: [new AppAsset(AssetKind.Page, "1", ["ANALYZE", "CREATE_CONTENT"])])
            .Plan();

        var revoke = plan.Single(RevokeAsset, "alice");
        Assert.Equal("page/1", revoke.Asset!.ToString());
        Assert.Null(revoke.Tasks);
    }

    [Fact]
    public void Suspend_policy_suspends_instead_of_removing()
    {
        var plan = new PlanningWorld()
            .Hub(policy: new HubPolicy { Removal = RemovalMode.Suspend, RemovalGuard = new() { MaxRemovals = 100, MaxRemovalsPercent = 100 } })
            .Users("alice").Group("editors").TeamShare("e", "editors", "Editor")
            .InApp("alice", "EMPLOYEE")
            .Plan();

        Assert.Equal(("Editor", "suspended"), (plan.Single(Suspend, "alice").From, plan.Single(Suspend, "alice").To));
        Assert.DoesNotContain(plan.Changes, c => c.Kind == Remove);
    }

    [Fact]
    public void A_member_already_suspended_under_the_suspend_policy_is_left_alone()
    {
        var plan = new PlanningWorld()
            .Hub(policy: new HubPolicy { Removal = RemovalMode.Suspend })
            .Users("alice").Group("editors").TeamShare("e", "editors", "Editor")
            .InApp("alice", "EMPLOYEE", MemberState.Suspended)
            .Plan();

        Assert.True(plan.IsEmpty, PlanAssert.Describe(plan));
    }

    [Fact]
    public void Regaining_access_reactivates_a_suspended_member()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("editors", "alice").TeamShare("e", "editors", "Editor")
            .InApp("alice", "EMPLOYEE", MemberState.Suspended)
            .Plan();

        var add = plan.Single(Add, "alice");
        Assert.Equal(("suspended", "Editor"), (add.From, add.To));
    }

    [Theory]
    [InlineData(UserLifecycle.Deactivated, "deactivated")]
    [InlineData(UserLifecycle.Suspended, "suspended")]
    [InlineData(UserLifecycle.Staged, "staged")]
    public void User_not_active_in_the_idp_loses_access_from_every_team(UserLifecycle lifecycle, string word)
    {
        var plan = new PlanningWorld().Hub().User("alice", lifecycle).Group("editors", "alice").Group("admins", "alice")
            .TeamShare("e", "editors", "Editor").TeamShare("a", "admins", "Admin")
            .InApp("alice", "ADMIN")
            .Plan();

        Assert.Equal($"alice@example.com is {word} in the IdP, so no share applies", plan.Single(Remove, "alice").Reason);
    }

    [Fact]
    public void Individual_share_does_not_keep_a_deactivated_user()
    {
        var plan = new PlanningWorld().Hub().User("alice", UserLifecycle.Deactivated)
            .UserShare("alice", "alice@example.com", "Admin")
            .InApp("alice", "ADMIN")
            .Plan();

        plan.Single(Remove, "alice");
    }

    [Fact]
    public void User_deleted_in_the_idp_is_removed_though_the_group_still_lists_them()
    {
        var plan = new PlanningWorld().Hub().Users("alice", "bob").Group("editors", "alice", "bob").TeamShare("e", "editors", "Editor")
            .InApp("alice", "EMPLOYEE").InApp("bob", "EMPLOYEE")
            .DeleteUser("alice")
            .Plan();

        plan.OnlyChanges((Remove, "alice"));
    }

    [Fact]
    public void Deactivated_user_with_a_pending_invite_has_the_invite_cancelled()
    {
        var plan = new PlanningWorld().Hub(inviteRequired: true).User("alice", UserLifecycle.Deactivated).Group("editors", "alice")
            .TeamShare("e", "editors", "Editor")
            .InApp("alice", "EMPLOYEE", MemberState.Invited)
            .Plan();

        plan.OnlyChanges((CancelInvite, "alice"));
    }
}
