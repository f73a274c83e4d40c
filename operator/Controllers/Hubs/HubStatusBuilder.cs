using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>A hub's status from a sync, or from why no sync could happen: pure (the time is handed in). Bounded: at most 20 entries per list.</summary>
internal static class HubStatusBuilder
{
    private const int MaxEntries = 20;

    /// <summary>The status after a sync that read the app.</summary>
    /// <param name="started">When the sync began: lastSyncTime says the app was read and converged from then on.</param>
    public static BusinessHubStatus FromSync(BusinessHub hub, HubModel model, HubSyncResult sync, DateTimeOffset started, DateTimeOffset now)
    {
        var previous = hub.Status ?? new BusinessHubStatus();
        var generation = hub.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        var members = sync.Actual.Members.Values.ToList();
        var reported = sync.Plan.Drift.Where(d => !d.Corrected).Select(d => d.Change).ToList();
        var pending = Pending(sync);
        var failed = sync.Applied?.Failed.Count ?? 0;

        var stopped = sync.Applied?.StoppedBy;
        Conditions.Set(conditions, ConditionTypes.Ready, failed == 0 ? ConditionStatus.True : ConditionStatus.False,
            failed == 0 ? ConditionReasons.Synced : ConditionReasons.ApplyFailed,
            failed == 0 ? $"read {members.Count} members from the app" : $"{failed} changes failed{(stopped is null ? "" : $", the rest waits ({stopped.Kind}: {stopped.Message})")}; see the ApplyFailed events",
            generation, now);
        var (syncedStatus, syncedReason, syncedMessage) = Synced(sync, pending);
        Conditions.Set(conditions, ConditionTypes.Synced, syncedStatus, syncedReason, syncedMessage, generation, now);
        Conditions.Set(conditions, ConditionTypes.Drifted, reported.Count > 0 ? ConditionStatus.True : ConditionStatus.False,
            reported.Count > 0 ? ConditionReasons.DriftReported : sync.Plan.Drift.Count > 0 ? ConditionReasons.DriftCorrected : ConditionReasons.NoDrift,
            reported.Count > 0
                ? $"{reported.Count} differences the operator did not cause; review status.drift and apply them with annotation {Annotations.ApplyDrift}={sync.Plan.DriftHash}, or set spec.policy.drift: enforce"
                  + (ApprovalMismatch.Drift(hub, sync.Plan) is { } driftMismatch ? $"; {driftMismatch}" : "")
                : sync.Plan.Drift.Count > 0 ? $"{sync.Plan.Drift.Count} differences corrected" : "the app holds nothing the shares do not justify",
            generation, now);
        Conditions.Set(conditions, ConditionTypes.RemovalsHeld, sync.Plan.HeldRemovals.Count > 0 ? ConditionStatus.True : ConditionStatus.False,
            sync.Plan.HeldRemovals.Count > 0 ? ConditionReasons.RemovalGuard : ConditionReasons.NoneHeld,
            ApprovalMismatch.Removals(hub, sync.Plan) is { } removalsMismatch ? $"{removalsMismatch}; {sync.Plan.HoldReason}" : sync.Plan.HoldReason ?? "no removals are held",
            generation, now);
        var uncertain = sync.Desired.Membership;
        Conditions.Set(conditions, ConditionTypes.IdpStale, uncertain.Count > 0 ? ConditionStatus.True : ConditionStatus.False,
            uncertain.Count == 0 ? ConditionReasons.MembershipKnown : sync.Desired.Stale.Count > 0 ? ConditionReasons.MembershipStale : ConditionReasons.MembershipUnknown,
            uncertain.Count == 0 ? "membership of every shared team is known and current"
                : TextLimits.Truncate($"the users these could hold lose no access meanwhile: {TextLimits.JoinBounded(uncertain, "; ")}", TextLimits.ReasonChars + 128),
            generation, now);
        var invalid = sync.Desired.InvalidShares;
        Conditions.Set(conditions, ConditionTypes.Degraded, invalid.Count > 0 ? ConditionStatus.True : ConditionStatus.False,
            invalid.Count > 0 ? ConditionReasons.InvalidShares : ConditionReasons.AllSharesValid,
            invalid.Count > 0
                ? TextLimits.Truncate($"{invalid.Count} invalid shares; their users keep the access they have until they are fixed: {TextLimits.JoinBounded(invalid, "; ")}", TextLimits.ReasonChars + 128)
                : "every share of this hub is valid",
            generation, now);

        var succeeded = failed == 0;
        return previous with
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            Members = members.Count,
            MembersByRole = members.Where(m => m.State != MemberState.Invited)
                .GroupBy(m => model.RoleForNative(m.NativeRole)?.Name ?? "other")
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            PendingInvites = members.Count(m => m.State == MemberState.Invited),
            Seats = sync.Actual.Seats is { } seats ? new HubSeats { Total = seats.Total, Filled = seats.Filled } : null,
            Drift = reported.Count == 0 ? null : new DriftSummary
            {
                Count = reported.Count,
                Entries = [.. reported.Take(MaxEntries).Select(c => c.ToString())],
                Hash = sync.Plan.DriftHash,
            },
            PendingPlan = pending,
            LastSyncTime = succeeded ? started : previous.LastSyncTime,
        };
    }

    /// <summary>
    /// The status when the hub could not be synced: Ready False with the reason, and Synced False (Unknown when
    /// <paramref name="paused"/>: nothing was compared); what was known stays.
    /// </summary>
    public static BusinessHubStatus NotSynced(BusinessHub hub, string reason, string message, DateTimeOffset now, bool paused = false)
    {
        var previous = hub.Status ?? new BusinessHubStatus();
        var generation = hub.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.False, reason, message, generation, now);
        Conditions.Set(conditions, ConditionTypes.Synced, paused ? ConditionStatus.Unknown : ConditionStatus.False, reason, message, generation, now);
        return previous with { ObservedGeneration = generation, Conditions = conditions };
    }

    private static (ConditionStatus, string, string) Synced(HubSyncResult sync, PendingPlanSummary? pending)
    {
        if (sync.DryRun)
        {
            return sync.Plan.Changes.Count == 0 && sync.Plan.HeldRemovals.Count == 0
                ? (ConditionStatus.True, ConditionReasons.InSync, "dry run: the app already matches the shares")
                : (ConditionStatus.False, ConditionReasons.DryRun, $"dry run: {sync.Plan.Changes.Count + sync.Plan.HeldRemovals.Count} changes planned and not applied; see status.pendingPlan");
        }

        if (sync.Applied is { } applied && (applied.Failed.Count > 0 || applied.Skipped > 0))
        {
            return (ConditionStatus.False, ConditionReasons.ApplyFailed, $"{applied.Failed.Count} changes failed and {applied.Skipped} waited; they are retried");
        }

        if (pending is not null)
        {
            return (ConditionStatus.False, sync.Plan.HeldRemovals.Count > 0 ? ConditionReasons.RemovalsHeld : ConditionReasons.ChangesWithheld, pending.Reason);
        }

        var done = (sync.Applied?.Applied ?? 0) + (sync.Applied?.AlreadyInPlace ?? 0);
        return (ConditionStatus.True, done > 0 ? ConditionReasons.ChangesApplied : ConditionReasons.InSync,
            done > 0 ? $"{done} changes applied; the app matches the shares" : "the app matches the shares");
    }

    private static PendingPlanSummary? Pending(HubSyncResult sync)
    {
        var plan = sync.Plan;
        if (sync.DryRun)
        {
            var all = plan.Changes.Concat(plan.HeldRemovals).Concat(plan.Withheld).ToList();
            return all.Count == 0 ? null : new PendingPlanSummary
            {
                Hash = plan.HeldRemovalsHash ?? plan.Hash,
                Changes = all.Count,
                Reason = "spec.policy.dryRun is true: the plan is shown and nothing is applied" + (plan.HoldReason is null ? "" : $"; {plan.HoldReason}"),
                Entries = [.. all.Take(MaxEntries).Select(c => c.ToString())],
            };
        }

        var waiting = plan.HeldRemovals.Concat(plan.Withheld).ToList();
        if (waiting.Count == 0)
        {
            return null;
        }

        var reasons = new[] { plan.HoldReason, plan.WithheldReason is null ? null : $"{plan.Withheld.Count} narrowing changes wait until what their users depend on is known or fixed: {plan.WithheldReason}" };
        return new PendingPlanSummary
        {
            Hash = plan.HeldRemovalsHash ?? PlanHash.Of(plan.Withheld),
            Changes = waiting.Count,
            Reason = string.Join("; ", reasons.Where(r => r is not null)),
            Entries = [.. waiting.Take(MaxEntries).Select(c => c.ToString())],
        };
    }
}
