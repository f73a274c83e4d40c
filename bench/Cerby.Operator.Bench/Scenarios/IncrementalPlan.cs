using System.Diagnostics;
using Cerby.Operator.Bench.World;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Bench.Scenarios;

/// <summary>What one membership change cost: the hubs planned again and the changes their plans hold.</summary>
internal readonly record struct IncrementalResult(int Hubs, int Changes);

/// <summary>
/// The incremental path: a model built once (not measured), then one IdP membership change at a time —
/// <see cref="AccessModel.Apply"/> (the next snapshot and the hubs the change affects), and Desired + Plan for those hubs,
/// and only those, on the new snapshot.
/// </summary>
internal sealed class IncrementalPlan(BenchWorld world)
{
    private AccessModel _model = AccessModel.Build(world.Declared, world.Identity, world.Now);

    /// <summary>Records the group's new membership and plans the hubs it affects.</summary>
    public IncrementalResult Apply(IdpGroup group, PlanSections? sections = null)
    {
        var bytes = PlanSections.Allocated();
        var started = Stopwatch.GetTimestamp();
        (_model, var hubs) = _model.Apply(IdentityChange.Group(BenchWorld.IdpKey, group));
        sections?.AddIndex(started, Stopwatch.GetTimestamp(), PlanSections.Allocated() - bytes);
        var changes = 0;
        foreach (var hubKey in hubs)
        {
            var bytesBefore = PlanSections.Allocated();
            var before = Stopwatch.GetTimestamp();
            var desired = _model.Desired(hubKey);
            var between = Stopwatch.GetTimestamp();
            var bytesBetween = PlanSections.Allocated();
            changes += AccessPlanner.Plan(_model.Hubs[hubKey], desired, world.Actual[hubKey]).Changes.Count;
            sections?.AddDesired(before, between, bytesBetween - bytesBefore);
            sections?.AddPlan(between, Stopwatch.GetTimestamp(), PlanSections.Allocated() - bytesBetween);
        }

        return new IncrementalResult(hubs.Count, changes);
    }
}
