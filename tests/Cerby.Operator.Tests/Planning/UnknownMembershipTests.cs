using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>Unknown is not empty: membership the operator cannot read never causes removals.</summary>
public sealed class UnknownMembershipTests
{
    private static PlanningWorld Base() => new PlanningWorld().Hub().Users("alice", "bob", "carol")
        .TeamShare("e", "editors", "Editor").TeamShare("a", "admins", "Admin")
        .InApp("alice", "EMPLOYEE").InApp("bob", "ADMIN");

    [Fact]
    public void Team_whose_group_was_never_read_removes_and_lowers_nobody()
    {
        var plan = Base().Group("editors", "alice").Group("admins", MembershipState.Unknown, null).Plan();

        Assert.DoesNotContain(plan.Changes, c => c.Kind.NarrowsAccess());
        Assert.Contains("membership of team admins is unknown", plan.WithheldReason);
    }

    [Fact]
    public void Grants_proceed_while_another_team_is_unknown()
    {
        var plan = Base().Group("editors", "alice", "carol").Group("admins", MembershipState.Unknown, null).Plan();

        plan.OnlyChanges((Add, "carol"));
    }

    [Fact]
    public void Binding_to_a_group_that_vanished_removes_nobody()
    {
        var plan = Base().Group("editors", "alice").Bind("admins", new IdpGroupReference { Id = "00gGONE" }).Plan();

        Assert.Empty(plan.Changes);
        Assert.Contains("group 00gGONE was not found", plan.WithheldReason);
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == "bob@example.com");
    }

    [Fact]
    public void Binding_by_an_ambiguous_display_name_removes_nobody()
    {
        var plan = Base().Group("editors", "alice").Group("admins-a").Group("admins-b")
            .Bind("admins", new IdpGroupReference { DisplayName = "admins-a" })
            .Plan();

        plan.Single(Remove, "bob"); // resolved by name: a single match is fine

        var ambiguous = Base().Group("editors", "alice").Group("admins", "bob")
            .Bind("admins", new IdpGroupReference { DisplayName = "editors" })
            .Plan();
        Assert.DoesNotContain(ambiguous.Changes, c => c.Kind.NarrowsAccess());
    }

    [Fact]
    public void Team_shared_without_any_binding_removes_nobody()
    {
        var plan = Base().Group("editors", "alice").Plan();

        Assert.Empty(plan.Changes);
        Assert.Contains("team default/admins has no IdpGroupBinding", plan.WithheldReason);
    }

    [Fact]
    public void Unreadable_user_directory_removes_nobody()
    {
        var plan = Base().Group("editors", "alice").Group("admins").UsersUnreadable().DeleteUser("alice").Plan();

        Assert.DoesNotContain(plan.Changes, c => c.Kind.NarrowsAccess());
    }

    [Fact]
    public void Stale_team_keeps_its_last_known_members_and_reports_the_staleness()
    {
        var plan = Base().Group("editors", "alice").Group("admins", MembershipState.Known, PlanningWorld.Now.AddHours(-3), "bob").Plan();

        Assert.True(plan.IsEmpty, PlanAssert.Describe(plan));
        Assert.Contains(new PlanningWorld().Hub().Users("bob").Group("admins", MembershipState.Known, PlanningWorld.Now.AddHours(-3), "bob")
            .TeamShare("a", "admins", "Admin").Model().Desired("default/hub").Stale, s => s.Contains("membership of team admins is stale"));
    }

    [Fact]
    public void Inactive_users_are_still_removed_while_a_team_is_unknown()
    {
        var plan = Base().User("bob", UserLifecycle.Deactivated).Group("editors", "alice").Group("admins", MembershipState.Unknown, null).Plan();

        plan.OnlyChanges((Remove, "bob"));
    }

    [Fact]
    public void Invalid_share_keeps_the_access_it_may_grant_to_its_own_users_only()
    {
        var plan = Base().Group("editors", "alice").Group("admins", "bob")
            .RawShare(new TeamShare
            {
                Metadata = new() { Name = "typo", NamespaceProperty = "default" },
                Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = "admins" }, Role = "Admn" },
            })
            .InApp("carol", "ADMIN")
            .Plan();

        // bob, whom the invalid share names through team admins, keeps what he has; carol, whom nothing names, is removed.
        plan.OnlyChanges((Remove, "carol"));
        var alone = new PlanningWorld().Hub().Users("bob").Group("admins", "bob").InApp("bob", "ADMIN")
            .RawShare(new TeamShare
            {
                Metadata = new() { Name = "typo", NamespaceProperty = "default" },
                Spec = new TeamShareSpec { HubRef = new() { Name = "hub" }, Subject = new() { Team = "admins" }, Role = "Admn" },
            }).Plan();
        Assert.Contains("TeamShare default/typo is invalid (spec.role: role \"Admn\" is not one of hub hub's roles (Admin, Editor, Viewer))", alone.WithheldReason);
    }

    [Fact]
    public void Stale_team_removes_nobody_who_left_before_the_last_read()
    {
        var plan = Base().Group("editors", "alice").Group("admins", MembershipState.Known, PlanningWorld.Now.AddHours(-3)).Plan();

        Assert.DoesNotContain(plan.Changes, c => c.Kind.NarrowsAccess());
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == "bob@example.com");
        Assert.Contains("membership of team admins is stale", plan.WithheldReason);
    }
}
