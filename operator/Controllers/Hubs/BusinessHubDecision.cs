using Cerby.Operator.Controllers.Shares;
using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Controllers;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// The decisions of a hub sync, pure (no I/O, no clock: the time is handed in), in cert-manager's shape: the reconciler
/// gathers <see cref="HubInputs"/>, <see cref="Decide"/> says what to do, the reconciler does it, and
/// <see cref="Report"/> says what status and result that makes. The first missing input ends the sync, in this order:
/// hub gone, paused, invalid spec, no Secret, no connector, app unreadable.
/// </summary>
internal static class BusinessHubDecision
{
    /// <summary>How soon a hub is synced again (from a full read) when a narrowing change could not be confirmed by a read of its member.</summary>
    public static readonly TimeSpan VerifyAfter = TimeSpan.FromSeconds(1);

    /// <summary>How soon a hub whose app or credentials failed is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>The resync interval when spec.policy.resyncInterval is missing or not a positive duration.</summary>
    public static readonly TimeSpan DefaultResync = TimeSpan.FromMinutes(10);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoGrants = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    public static HubDecision Decide(HubInputs inputs, DateTimeOffset now)
    {
        if (inputs.Hub is not { } hub)
        {
            // Deleting a hub stops managing the app; it never empties it.
            return new HubDecision(true, [], null, ReconcileResult.Success, null, null, [], null, []);
        }

        var grants = inputs.Desired is { } desiredAccess ? ShareGrants.Of(desiredAccess) : NoGrants;
        var refresh = ShareGrants.Changed(inputs.Shares ?? [], grants);
        HubDecision End(string reason, string message, ReconcileResult result, bool paused = false, bool warn = true) =>
            new(false, warn ? [EventToRecord.Warn(reason, "Sync", message)] : [], HubStatusBuilder.NotSynced(hub, reason, message, now, paused), result,
                paused ? null : message, null, [], grants, refresh);

        if (hub.Spec.Policy.Paused)
        {
            return End(ConditionReasons.Paused, "spec.policy.paused is true: the operator reads and changes nothing in the app", ReconcileResult.Success, paused: true, warn: false);
        }

        if (inputs.Model is not { } model || inputs.Desired is not { } desired)
        {
            var problems = inputs.Problems ?? [];
            var message = problems.Count == 0 ? "the hub is not known to the access model yet" : string.Join("; ", problems);
            return End(ConditionReasons.InvalidSpec, message, ReconcileResult.Terminal(message));
        }

        var retry = ReconcileResult.RequeueAfter(RetryAfter);
        if (inputs.SecretMissing)
        {
            var secret = hub.Spec.Connector.CredentialsSecretRef.Name;
            return End(ConditionReasons.CredentialsMissing,
                $"Secret {hub.Metadata.NamespaceProperty ?? ""}/{secret} does not exist; create it with key \"{HubConnections.TokenKey}\"", retry);
        }

        if (inputs.ConnectionProblem is { } connectionProblem)
        {
            return End(ConditionReasons.CredentialsMissing, connectionProblem, retry);
        }

        if (inputs.ReadProblem is { } read)
        {
            return End(ConditionReasons.AppReadFailed, $"the app could not be read ({read.Kind}): {read.Message}; nothing was changed", retry);
        }

        var actual = inputs.Actual ?? throw new ArgumentException("a hub whose app was read needs the read", nameof(inputs));
        var plan = AccessPlanner.Plan(model, desired, actual, Annotation(hub, Annotations.ApproveRemovals), Annotation(hub, Annotations.ApplyDrift));
        if (hub.Spec.Policy.DryRun)
        {
            return new HubDecision(false, Warnings(hub, inputs.HubKey, plan, actual.Seats), null, null, null, plan, [], grants, refresh);
        }

        // A kept state may be stale: it never narrows access without a read of the member that confirms it.
        var confirmed = inputs.Confirmed ?? new HashSet<string>(StringComparer.Ordinal);
        var toConfirm = inputs.FromKeptState
            ? plan.Changes.Where(c => c.Kind.NarrowsAccess() && !confirmed.Contains(c.UserKey)).Select(c => c.UserKey).Distinct(StringComparer.Ordinal).ToList()
            : [];
        var toApply = toConfirm.Count == 0 ? plan.Changes : [.. plan.Changes.Where(c => !c.Kind.NarrowsAccess() || !toConfirm.Contains(c.UserKey))];
        return new HubDecision(false, Warnings(hub, inputs.HubKey, plan, actual.Seats), null, null, null, plan, toApply, grants, refresh, toConfirm);
    }

    /// <summary>The status and result of a sync that planned, after <paramref name="applied"/> (null when nothing was applied).</summary>
    public static HubReport Report(HubInputs inputs, HubDecision decision, ApplySummary? applied, DateTimeOffset now)
    {
        var hub = inputs.Hub!;
        var sync = new HubSyncResult(inputs.Actual!, inputs.Desired!, decision.Plan!, applied, hub.Spec.Policy.DryRun);
        var status = HubStatusBuilder.FromSync(hub, inputs.Model!, sync, inputs.Started, now);
        // The changes were verified in this sync (a read of the members they touched), so the next look is the resync.
        var result = applied is { Failed.Count: > 0 } or { Skipped: > 0 }
            ? ReconcileResult.RequeueAfter(RetryAfter)
            : ReconcileResult.ResyncAfter(decision.ToConfirm is { Count: > 0 } ? VerifyAfter : Sooner(ResyncInterval(hub), inputs.NextChange - now));
        return new HubReport(status, result, sync, applied is { Failed.Count: > 0 } ? null : inputs.Started);
    }

    /// <summary>The resync interval, or the time until the desired access changes by itself (plan again at that instant) when sooner.</summary>
    private static TimeSpan Sooner(TimeSpan interval, TimeSpan? untilChange) =>
        untilChange is { } until && until < interval ? (until > TimeSpan.Zero ? until : TimeSpan.Zero) + TimeSpan.FromMilliseconds(50) : interval;

    /// <summary>The hub's resync interval.</summary>
    public static TimeSpan ResyncInterval(BusinessHub hub) =>
        GoDuration.TryParse(hub.Spec.Policy.ResyncInterval, out var interval) && interval > TimeSpan.Zero ? interval : DefaultResync;

    private static List<EventToRecord> Warnings(BusinessHub hub, string hubKey, AccessPlan plan, AppSeats? seats)
    {
        var warnings = new List<EventToRecord>();
        var joining = plan.Changes.Count(c => c.Kind is AccessChangeKind.Invite or AccessChangeKind.Add);
        if (seats is { } s && joining > 0 && s.Filled >= s.Total)
        {
            warnings.Add(EventToRecord.Warn(EventReasons.SeatsExhausted, "Invite",
                $"{joining} invites or additions planned in hub {hubKey} but the app reports {s.Filled} of {s.Total} seats filled; the app may refuse them until a seat is freed or bought"));
        }

        var reported = plan.Drift.Where(d => !d.Corrected).ToList();
        if (reported.Count > 0)
        {
            var first = string.Join("; ", reported.Take(5).Select(d => d.Change.ToString()));
            warnings.Add(EventToRecord.Warn(EventReasons.DriftDetected, "Report",
                $"{reported.Count} differences in hub {hubKey} that no share justifies and the operator did not cause (report {plan.DriftHash}): {first}"));
        }

        if (plan.HeldRemovals.Count > 0)
        {
            warnings.Add(EventToRecord.Warn(EventReasons.RemovalsHeld, "Hold", plan.HoldReason ?? ""));
        }

        foreach (var mismatch in new[] { ApprovalMismatch.Removals(hub, plan), ApprovalMismatch.Drift(hub, plan) }.OfType<string>())
        {
            warnings.Add(EventToRecord.Warn(EventReasons.ApprovalMismatch, "Approve", mismatch));
        }

        if (plan.Withheld.Count > 0)
        {
            warnings.Add(EventToRecord.Warn(EventReasons.ChangesWithheld, "Withhold",
                $"{plan.Withheld.Count} narrowing changes wait until membership is known: {plan.WithheldReason}"));
        }

        return warnings;
    }

    private static string? Annotation(BusinessHub hub, string name) =>
        hub.Metadata.Annotations is { } annotations && annotations.TryGetValue(name, out var value) ? value.Trim() : null;
}
