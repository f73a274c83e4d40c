using System.Diagnostics;
using Cerby.Operator.Bench.World;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Bench.Scenarios;

/// <summary>The plans of every hub, from one full plan.</summary>
internal sealed record FullPlanResult(IReadOnlyList<AccessPlan> Plans)
{
    public int Changes => Plans.Sum(p => p.Changes.Count);
}

/// <summary>
/// The full plan: index the declared state and the IdP snapshot (<see cref="AccessModel.Build"/>), then compute the
/// desired access of every hub and plan it against the app's actual members. The plans are kept, as the operator
/// keeps them until applied.
/// </summary>
internal static class FullPlan
{
    public static FullPlanResult Run(BenchWorld world, PlanSections? sections = null)
    {
        var bytes = PlanSections.Allocated();
        var started = Stopwatch.GetTimestamp();
        var model = AccessModel.Build(world.Declared, world.Identity, world.Now);
        sections?.AddIndex(started, Stopwatch.GetTimestamp(), PlanSections.Allocated() - bytes);
        var plans = new List<AccessPlan>(model.Hubs.Count);
        foreach (var (hubKey, hub) in model.Hubs)
        {
            var bytesBefore = PlanSections.Allocated();
            var before = Stopwatch.GetTimestamp();
            var desired = model.Desired(hubKey);
            var between = Stopwatch.GetTimestamp();
            var bytesBetween = PlanSections.Allocated();
            plans.Add(AccessPlanner.Plan(hub, desired, world.Actual[hubKey]));
            sections?.AddDesired(before, between, bytesBetween - bytesBefore);
            sections?.AddPlan(between, Stopwatch.GetTimestamp(), PlanSections.Allocated() - bytesBetween);
        }

        return new FullPlanResult(plans);
    }
}
