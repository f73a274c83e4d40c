using Cerby.Operator.Observability;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>Sets a hub's gauges from its latest sync.</summary>
internal static class HubMetrics
{
    public static void Record(BusinessHub hub, HubModel model, HubSyncResult sync, DateTimeOffset? lastSync)
    {
        var (ns, name) = (hub.Metadata.NamespaceProperty ?? "", hub.Metadata.Name);
        AccessMetrics.DriftMembers.WithLabels(ns, name).Set(sync.Plan.Drift.Count(d => !d.Corrected));
        AccessMetrics.RemovalsHeld.WithLabels(ns, name).Set(sync.Plan.HeldRemovals.Count);
        var notApplied = sync.Plan.HeldRemovals.Count + sync.Plan.Withheld.Count
            + (sync.DryRun ? sync.Plan.Changes.Count : (sync.Applied?.Failed.Count ?? 0) + (sync.Applied?.Skipped ?? 0));
        AccessMetrics.PlanChanges.WithLabels(ns, name).Set(notApplied);
        AccessMetrics.PendingInvites.WithLabels(ns, name).Set(sync.Actual.Members.Values.Count(m => m.State == MemberState.Invited));
        var byRole = sync.Actual.Members.Values.Where(m => m.State != MemberState.Invited)
            .GroupBy(m => model.RoleForNative(m.NativeRole)?.Name ?? "other")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var role in model.Roles.Select(r => r.Name).Append("other"))
        {
            AccessMetrics.Members.WithLabels(ns, name, role).Set(byRole.GetValueOrDefault(role));
        }

        if (sync.Actual.Seats is { } seats)
        {
            AccessMetrics.Seats.WithLabels(ns, name, "total").Set(seats.Total);
            AccessMetrics.Seats.WithLabels(ns, name, "filled").Set(seats.Filled);
        }
        else
        {
            AccessMetrics.ForgetSeats(ns, name);
        }

        if (lastSync is { } at)
        {
            AccessMetrics.LastSync.WithLabels(ns, name).Set(at.ToUnixTimeMilliseconds() / 1000.0);
        }
    }
}
