using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>The removal guard: a plan that would remove more than the hub allows holds back all removals and says why.</summary>
public sealed class RemovalGuardTests
{
    private static PlanningWorld Leavers(int maxRemovals, int percent, int members = 10, int leaving = 4)
    {
        var world = new PlanningWorld().Hub(policy: new HubPolicy { RemovalGuard = new() { MaxRemovals = maxRemovals, MaxRemovalsPercent = percent } });
        var stay = Enumerable.Range(0, members - leaving).Select(i => $"stay{i}").ToArray();
        world.Users(stay).Group("team", stay).TeamShare("s", "team", "Viewer").Users("newcomer").Group("team", [.. stay, "newcomer"]);
        foreach (var name in stay)
        {
            world.InApp(name, "ANALYST");
        }

        for (var i = 0; i < leaving; i++)
        {
            world.InApp($"gone{i}", "ANALYST");
        }

        return world;
    }

    [Fact]
    public void Too_many_removals_are_all_held_with_the_reason_and_a_hash()
    {
        var plan = Leavers(maxRemovals: 3, percent: 100).Plan();

        Assert.Equal(4, plan.HeldRemovals.Count);
        Assert.DoesNotContain(plan.Changes, c => c.Kind.IsRemoval());
        Assert.StartsWith("4 removals exceed the removal guard (at most 3 per sync and 100% of 10 members, so 3)", plan.HoldReason);
        Assert.Contains($"access.cerby.io/approve-removals={plan.HeldRemovalsHash}", plan.HoldReason);
    }

    [Fact]
    public void Grants_still_proceed_while_removals_are_held()
    {
        var plan = Leavers(maxRemovals: 3, percent: 100).Plan();

        plan.OnlyChanges((Add, "newcomer"));
    }

    [Fact]
    public void Percent_limit_holds_removals_too()
    {
        var plan = Leavers(maxRemovals: 100, percent: 30).Plan();

        Assert.Equal(4, plan.HeldRemovals.Count);
        Assert.Contains("30% of 10 members, so 3", plan.HoldReason);
    }

    [Fact]
    public void Removals_within_both_limits_are_applied()
    {
        var plan = Leavers(maxRemovals: 4, percent: 40).Plan();

        Assert.Empty(plan.HeldRemovals);
        Assert.Equal(4, plan.Changes.Count(c => c.Kind == Remove));
    }

    [Fact]
    public void Approving_the_held_hash_releases_exactly_those_removals()
    {
        var held = Leavers(maxRemovals: 3, percent: 100).Plan();
        var approved = Leavers(maxRemovals: 3, percent: 100).Plan(approvedRemovalsHash: held.HeldRemovalsHash);

        Assert.Empty(approved.HeldRemovals);
        Assert.Equal(held.HeldRemovals.Select(c => c.Email), approved.Changes.Where(c => c.Kind == Remove).Select(c => c.Email));
    }

    [Fact]
    public void Approval_of_an_earlier_plan_does_not_release_a_changed_one()
    {
        var held = Leavers(maxRemovals: 3, percent: 100, leaving: 4).Plan();
        var changed = Leavers(maxRemovals: 3, percent: 100, leaving: 5).Plan(approvedRemovalsHash: held.HeldRemovalsHash);

        Assert.Equal(5, changed.HeldRemovals.Count);
        Assert.NotEqual(held.HeldRemovalsHash, changed.HeldRemovalsHash);
    }

    [Fact]
    public void Percent_limit_always_lets_one_removal_through_in_a_small_app()
    {
        Assert.Equal(1, RemovalGuardCheck.Limit(new RemovalGuard { MaxRemovals = 10, MaxRemovalsPercent = 25 }, members: 2));
        Assert.Equal(0, RemovalGuardCheck.Limit(new RemovalGuard { MaxRemovals = 0, MaxRemovalsPercent = 25 }, members: 2));
    }

    [Fact]
    public void Held_plan_hash_is_stable_across_runs()
    {
        Assert.Equal(Leavers(3, 100).Plan().HeldRemovalsHash, Leavers(3, 100).Plan().HeldRemovalsHash);
    }
}
