using Cerby.Operator.Planning;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Planning;

/// <summary>Properties that must hold for every world, checked on hundreds of random ones.</summary>
[Properties(Arbitrary = [typeof(PlanningArbitraries)], MaxTest = 400)]
public sealed class PlannerPropertyTests
{
    [Property]
    public Property Applying_a_plan_then_planning_again_gives_no_changes(WorldSpec spec)
    {
        var world = spec.ToWorld();
        var model = world.Model();
        var hub = model.Hubs[PlanningWorld.Key("hub")];
        var desired = model.Desired(PlanningWorld.Key("hub"));
        var first = AccessPlanner.Plan(hub, desired, world.Actual());
        var after = AppSimulator.Apply(world.Actual(), first.Changes.Concat(first.HeldRemovals));
        var second = AccessPlanner.Plan(hub, desired, after);

        return (second.IsEmpty).Label($"first:\n{PlanAssert.Describe(first)}\nsecond:\n{PlanAssert.Describe(second)}");
    }

    [Property]
    public Property Adding_a_share_never_removes_or_lowers_access(WorldSpec spec, ShareSpec extra)
    {
        // Compare what each plan would leave in the app if its brakes were released (the removal guard, and the
        // narrowing withheld while some membership is unknown): the property is about the planner's decisions.
        var without = Outcome(spec.ToWorld());
        var with = Outcome(spec.ToWorld([.. spec.Shares, extra]));

        var lost = without.Values.Where(m => m.State != MemberState.Suspended && !m.InviteExpired) // an expired invite holds nothing
            .Where(m => !with.TryGetValue(m.Key, out var after) || !AtLeast(after, m))
            .Select(m => $"{m} -> {with.GetValueOrDefault(m.Key)}")
            .ToList();
        return (lost.Count == 0).Label($"access lost by adding {extra}: {string.Join(", ", lost)}\nwithout:\n{PlanAssert.Describe(spec.ToWorld().Plan())}\nwith:\n{PlanAssert.Describe(spec.ToWorld([.. spec.Shares, extra]).Plan())}");
    }

    [Property]
    public Property The_guard_never_lets_more_removals_through_than_its_limit(WorldSpec spec)
    {
        var world = spec.ToWorld();
        var plan = world.Plan();
        var limit = RemovalGuardCheck.Limit(new RemovalGuard { MaxRemovals = spec.MaxRemovals, MaxRemovalsPercent = spec.MaxRemovalsPercent }, world.Actual().Members.Count);
        var applied = plan.Changes.Count(c => c.Kind.IsRemoval());

        return (applied <= limit && (plan.HeldRemovals.Count == 0 || applied == 0))
            .Label($"limit {limit}, applied {applied}, held {plan.HeldRemovals.Count}");
    }

    [Property]
    public Property Plans_are_deterministic(WorldSpec spec) =>
        (spec.ToWorld().Plan().Hash == spec.ToWorld().Plan().Hash).ToProperty();

    private static IReadOnlyDictionary<string, ActualMember> Outcome(PlanningWorld world)
    {
        var plan = world.Plan();
        return AppSimulator.Apply(world.Actual(), plan.Changes.Concat(plan.HeldRemovals).Concat(plan.Withheld)).Members;
    }

    /// <summary>Whether <paramref name="after"/> holds at least the access of <paramref name="before"/>: seat, role rank, assets and tasks.</summary>
    private static bool AtLeast(ActualMember after, ActualMember before)
    {
        if (after.State == MemberState.Suspended || (before.State == MemberState.Active && after.State != MemberState.Active))
        {
            return false;
        }

        var ranks = PlanningWorld.DefaultRoles.Select((r, i) => (r.NativeRole, i)).ToDictionary(x => x.NativeRole, x => x.i, StringComparer.OrdinalIgnoreCase);
        var roleOk = ranks.TryGetValue(before.NativeRole ?? "", out var rankBefore) && ranks.TryGetValue(after.NativeRole ?? "", out var rankAfter)
            ? rankAfter <= rankBefore
            : string.Equals(before.NativeRole, after.NativeRole, StringComparison.OrdinalIgnoreCase);
        var assetsOk = before.Assets.All(b => after.Assets.Any(a => a.Kind == b.Kind && a.Id == b.Id && !b.Tasks.Except(a.Tasks).Any()));
        return roleOk && assetsOk;
    }
}
