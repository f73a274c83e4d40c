using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Objects;
using k8s.Models;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>What a share's reconcile does (<see cref="TeamShareDecision.Decide"/>).</summary>
/// <param name="AddFinalizer">Add the cleanup finalizer (a live share).</param>
/// <param name="RemoveFinalizer">Let a deleted share go.</param>
/// <param name="Forget">Forget what was remembered of the share (it is gone, or let go).</param>
/// <param name="RememberGranted">The users it grants now, remembered for its deletion; null to keep what is remembered.</param>
/// <param name="Status">The status to write; null to write none.</param>
/// <param name="HubEvent">A Warning to record on the hub; null for none.</param>
/// <param name="ShareEvent">A Warning to record on the share (its expiry is near); null for none.</param>
/// <param name="Warned">The expiry <paramref name="ShareEvent"/> warns about, remembered so it is sent once per expiry.</param>
internal sealed record TeamShareDecision(
    bool AddFinalizer,
    bool RemoveFinalizer,
    bool Forget,
    IReadOnlyList<string>? RememberGranted,
    TeamShareStatus? Status,
    EventToRecord? HubEvent,
    ReconcileResult Result,
    EventToRecord? ShareEvent = null,
    DateTimeOffset? Warned = null)
{
    /// <summary>How often a deleted share checks whether its hub has synced, besides the hub's own status changes.</summary>
    public static readonly TimeSpan DeletionCheck = TimeSpan.FromSeconds(10);

    /// <summary>How old a model marked for rebuilding may be for a share's status: thousands of shares created at once share one rebuild per window.</summary>
    public static readonly TimeSpan StatusTolerance = TimeSpan.FromSeconds(2);

    /// <summary>The pure decision: no I/O, the time handed in.</summary>
    public static TeamShareDecision Decide(TeamShareInputs inputs, DateTimeOffset now)
    {
        if (inputs.Share is not { } share)
        {
            return new(false, false, true, null, null, null, ReconcileResult.Success);
        }

        return share.Metadata.DeletionTimestamp is null ? Live(inputs, share, now) : Deleting(inputs, share, now);
    }

    private static TeamShareDecision Live(TeamShareInputs inputs, TeamShare share, DateTimeOffset now)
    {
        var hubName = share.Spec.HubRef.Name;
        var hubKey = ResourceKeys.Sibling(share.Metadata, hubName);
        var problems = inputs.Problems ?? [];
        var expiresAt = ShareExpiry.ExpiresAt(share);
        var expired = expiresAt <= now;
        // Without a hub, or past its expiry, nothing is granted; before the hub's first sync the count shown stays as it is.
        var count = inputs.Hub is null || expired ? 0 : inputs.Granted?.Count ?? share.Status?.GrantedUsers ?? 0;
        var (ready, reason, message) = expired
                ? (ConditionStatus.False, ConditionReasons.Expired,
                    $"expired at {expiresAt!.Value.UtcDateTime:u}: it grants nothing, and the access only it justified is removed from hub {hubName} (its removal guard applies)")
            : problems.Count > 0
                ? (ConditionStatus.False, problems.Any(p => p.StartsWith("spec.scope:", StringComparison.Ordinal)) ? ConditionReasons.InvalidScope : ConditionReasons.InvalidShare,
                    TextLimits.JoinBounded(problems, "; ") + "; the users it names keep the access they have until it is fixed")
            : inputs.Hub is not { } hub ? (ConditionStatus.False, ConditionReasons.HubNotFound, $"BusinessHub {hubKey} does not exist")
            : Conditions.Find(hub.Status?.Conditions ?? [], ConditionTypes.Ready) is { Status: not ConditionStatus.True } hubNotReady
                ? (ConditionStatus.False, ConditionReasons.HubNotReady, TextLimits.Truncate($"hub {hubName}: {hubNotReady.Message}", TextLimits.ReasonChars))
            : (ConditionStatus.True, ConditionReasons.Granted, $"grants {share.Spec.Role} in hub {hubName} to {count} users");
        var status = WithReady(share, ready, reason, message, now) with { GrantedUsers = count, ExpiresAt = expiresAt };
        var warn = ExpiryWarning(inputs, share, expiresAt, now);
        return new(true, false, false, inputs.Granted, status, null, LiveResult(inputs, expiresAt, now), warn, warn is null ? null : expiresAt);
    }

    /// <summary>A ShareExpiring Warning when the expiry is within the warning window and was not warned about yet.</summary>
    private static EventToRecord? ExpiryWarning(TeamShareInputs inputs, TeamShare share, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (expiresAt is not { } at || at <= now || at - now > inputs.ExpiryWarning || inputs.WarnedExpiry == at)
        {
            return null;
        }

        var left = at - now;
        return EventToRecord.Warn(EventReasons.ShareExpiring, "Expire",
            $"TeamShare {inputs.ShareKey} expires at {at.UtcDateTime:u} (in {(int)left.TotalHours}h{left.Minutes}m{left.Seconds}s): from then on it grants nothing, and the access only it justified is removed from hub {share.Spec.HubRef.Name}; extend spec.expiresAt or spec.duration to keep it");
    }

    /// <summary>Read again once the model caught up; else look again when the expiry warning is due and at the expiry itself.</summary>
    private static ReconcileResult LiveResult(TeamShareInputs inputs, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (!inputs.ProblemsFresh)
        {
            return ReconcileResult.RequeueAfter(StatusTolerance);
        }

        if (expiresAt is not { } at || at <= now)
        {
            return ReconcileResult.Success;
        }

        var next = at - inputs.ExpiryWarning > now ? at - inputs.ExpiryWarning : at;
        return ReconcileResult.ResyncAfter(next - now + TimeSpan.FromMilliseconds(50));
    }

    private static TeamShareDecision Deleting(TeamShareInputs inputs, TeamShare share, DateTimeOffset now)
    {
        if (!share.HasFinalizer(Finalizers.Cleanup))
        {
            return new(false, false, true, null, null, null, ReconcileResult.Success);
        }

        var seen = inputs.DeletionSeen;
        var (step, why) = ShareDeletionCheck.Decide(inputs.Hub, seen, now, inputs.FormerUsers, inputs.WaitingUsers ?? [], inputs.Grace);
        switch (step)
        {
            case ShareDeletionStep.Release:
                return new(false, true, true, null, null, null, ReconcileResult.Success);
            case ShareDeletionStep.ReleaseUnconfirmed:
                var warning = inputs.Hub is null ? null : EventToRecord.Warn(EventReasons.DeletionUnconfirmed, "Finalize",
                    $"TeamShare {inputs.ShareKey} was let go after {inputs.Grace.TotalSeconds:0} s before the hub confirmed the access only it justified is gone: {why}; the hub plans without it and removes that access as soon as it can");
                return new(false, true, true, null, null, warning, ReconcileResult.Success);
            default:
                var status = WithReady(share, ConditionStatus.False, ConditionReasons.Deleting,
                    $"waiting for hub {share.Spec.HubRef.Name} to sync without this share, removing the access only it justified ({why}); at most until {(seen + inputs.Grace).UtcDateTime:u}", now);
                var left = seen + inputs.Grace - now;
                return new(false, false, false, null, status, null,
                    ReconcileResult.RequeueAfter(left < DeletionCheck ? left + TimeSpan.FromMilliseconds(100) : DeletionCheck));
        }
    }

    private static TeamShareStatus WithReady(TeamShare share, ConditionStatus ready, string reason, string message, DateTimeOffset now)
    {
        var previous = share.Status ?? new TeamShareStatus();
        var conditions = new List<Condition>(previous.Conditions);
        var generation = share.Metadata.Generation ?? 0;
        Conditions.Set(conditions, ConditionTypes.Ready, ready, reason, message, generation, now);
        return previous with { ObservedGeneration = generation, Conditions = conditions };
    }
}
