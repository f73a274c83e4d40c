using Cerby.Operator.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// Seed 000: roles change by moving people between groups (add to the new group, then remove from the old), or by an
/// individual share followed by removal from the old group. Both paths, and the moment between the two steps.
/// </summary>
public sealed class RoleUpdateTests
{
    private static PlanningWorld Shared() => new PlanningWorld().Hub().Users("alice")
        .TeamShare("a", "admins", "Admin").TeamShare("v", "viewers", "Viewer");

    [Fact]
    public void Moving_up_raises_the_role_as_soon_as_the_user_joins_the_new_group()
    {
        var between = Shared().Group("viewers", "alice").Group("admins", "alice").InApp("alice", "ANALYST").Plan();

        var raise = between.Single(RaiseRole, "alice");
        Assert.Equal(("Viewer", "Admin"), (raise.From, raise.To));
        Assert.Single(between.Changes);
    }

    [Fact]
    public void Moving_up_needs_nothing_more_once_the_user_leaves_the_old_group()
    {
        var after = Shared().Group("viewers").Group("admins", "alice").InApp("alice", "ADMIN").Plan();

        Assert.True(after.IsEmpty, PlanAssert.Describe(after));
    }

    [Fact]
    public void Moving_down_keeps_the_higher_role_while_the_user_is_in_both_groups()
    {
        var between = Shared().Group("admins", "alice").Group("viewers", "alice").InApp("alice", "ADMIN").Plan();

        Assert.True(between.IsEmpty, PlanAssert.Describe(between));
    }

    [Fact]
    public void Moving_down_lowers_the_role_when_the_user_leaves_the_old_group()
    {
        var after = Shared().Group("admins").Group("viewers", "alice").InApp("alice", "ADMIN").Plan();

        var lower = after.Single(LowerRole, "alice");
        Assert.Equal(("Admin", "Viewer"), (lower.From, lower.To));
        after.OnlyChanges((LowerRole, "alice"));
    }

    [Fact]
    public void Individual_share_with_a_lower_role_changes_nothing_while_the_user_is_still_in_the_old_group()
    {
        var between = Shared().Group("admins", "alice").Group("viewers").UserShare("alice-viewer", "alice@example.com", "Viewer")
            .InApp("alice", "ADMIN").Plan();

        Assert.True(between.IsEmpty, PlanAssert.Describe(between));
    }

    [Fact]
    public void Individual_share_then_removal_from_the_old_group_gives_the_individual_role()
    {
        var after = Shared().Group("admins").Group("viewers").UserShare("alice-viewer", "alice@example.com", "Viewer")
            .InApp("alice", "ADMIN").Plan();

        var lower = after.Single(LowerRole, "alice");
        Assert.Equal(("Admin", "Viewer"), (lower.From, lower.To));
        Assert.StartsWith("Viewer via individual share (TeamShare default/alice-viewer)", lower.Reason);
        after.OnlyChanges((LowerRole, "alice"));
    }

    [Fact]
    public void Individual_share_with_a_higher_role_raises_at_once()
    {
        var plan = Shared().Group("viewers", "alice").UserShare("alice-admin", "alice@example.com", "Admin")
            .InApp("alice", "ANALYST").Plan();

        Assert.Equal("Admin", plan.Single(RaiseRole, "alice").To);
    }

    [Fact]
    public void Grants_come_before_revocations_so_a_move_never_drops_access_in_between()
    {
        var plan = new PlanningWorld().Hub().Users("alice", "bob", "carol")
            .TeamShare("a", "admins", "Admin").TeamShare("v", "viewers", "Viewer")
            .Group("admins", "bob").Group("viewers", "alice", "carol")
            .InApp("alice", "ADMIN").InApp("bob", "ANALYST").InApp("dave", "ANALYST")
            .Plan();

        Assert.Equal([Add, RaiseRole, LowerRole, Remove], plan.Changes.Select(c => c.Kind));
        Assert.Equal(["carol", "bob", "alice", "dave"], plan.Changes.Select(c => c.Email.Split('@')[0]));
    }
}
