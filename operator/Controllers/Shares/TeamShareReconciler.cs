using System.Collections.Concurrent;
using Cerby.Operator.Controllers.World;
using Cerby.Operator.Observability;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>
/// A share's own status (valid or not and why, how many users it grants) and its finalizer: a deleted share stays
/// until its hub has synced without it and could act on the users it granted, so the access it alone justified is gone
/// from the app before the share is; never longer than <see cref="ShareDeletionOptions.Grace"/> (see there why).
/// The hub reconciler does the removing; this one only waits for it.
/// </summary>
internal sealed class TeamShareReconciler(
    InformerSet informers,
    AccessWorld world,
    StatusWriter status,
    FinalizerWriter finalizers,
    EventRecorder events,
    ShareDeletionOptions deletion,
    ShareExpiryOptions expiry,
    TimeProvider time) : IReconciler
{
    /// <summary>How often a deleted share checks whether its hub has synced, besides the hub's own status changes.</summary>
    public static readonly TimeSpan DeletionCheck = TimeSpan.FromSeconds(10);

    /// <summary>How old a model marked for rebuilding may be for a share's status: thousands of shares created at once share one rebuild per window.</summary>
    public static readonly TimeSpan StatusTolerance = TimeSpan.FromSeconds(2);

    // When this instance first saw each share deleting. deletionTimestamp has whole seconds and comes from the API
    // server's clock; a hub sync that started after this moment planned without the share (the access model is marked
    // for rebuilding before any controller hears of the deletion). After a restart the moment is later: cautious.
    private readonly ConcurrentDictionary<ResourceKey, DateTimeOffset> _deletionSeen = new();

    // The users each share granted when last reconciled alive: whom its deletion can affect.
    private readonly ConcurrentDictionary<ResourceKey, IReadOnlyList<string>> _granted = new();

    // The expiry each share was last warned about (ShareExpiring), so the Warning is sent once per expiry.
    private readonly ConcurrentDictionary<ResourceKey, DateTimeOffset> _warned = new();

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        if (informers.Get<TeamShare>().Cache.Get(key) is not { } share)
        {
            _granted.TryRemove(key, out _);
            _warned.TryRemove(key, out _);
            GovernanceMetrics.RecordShare(key.Namespace, key.Name, "", null);
            return ReconcileResult.Success;
        }

        var hub = informers.Get<BusinessHub>().Cache.Get(new ResourceKey(key.Namespace, share.Spec.HubRef.Name));
        var shareKey = ResourceKeys.Of(share.Metadata);
        var hubKey = ResourceKeys.Sibling(share.Metadata, share.Spec.HubRef.Name);
        if (share.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(key, share, hub, shareKey, hubKey, cancellationToken);
        }

        await finalizers.AddAsync(share, Finalizers.Cleanup, cancellationToken);
        var ((problems, granted), fresh) = world.ReadRecent(model => (
            Problems: model.Problems.Where(p => p.Kind == TeamShare.KindName && p.Key == shareKey).ToList(),
            Granted: model.GrantedUsers(hubKey, shareKey)), StatusTolerance);
        _granted[key] = granted;

        var now = time.GetUtcNow();
        var expiresAt = ShareExpiry.ExpiresAt(share);
        var (ready, reason, message) = expiresAt <= now
                ? (ConditionStatus.False, "Expired", $"expired at {expiresAt:u}: it grants nothing, and the access only it justified is removed from hub {share.Spec.HubRef.Name} (its removal guard applies)")
            : problems.Count > 0
                ? (ConditionStatus.False, problems.Any(p => p.Field == "spec.scope") ? "InvalidScope" : "InvalidShare",
                    TextLimits.JoinBounded(problems.Select(p => $"{p.Field}: {p.Message}"), "; ") + "; the users it names keep the access they have until it is fixed")
            : hub is null ? (ConditionStatus.False, "HubNotFound", $"BusinessHub {hubKey} does not exist")
            : Conditions.Find(hub.Status?.Conditions ?? [], ConditionTypes.Ready) is { Status: not ConditionStatus.True } hubNotReady
                ? (ConditionStatus.False, "HubNotReady", TextLimits.Truncate($"hub {share.Spec.HubRef.Name}: {hubNotReady.Message}", TextLimits.ReasonChars))
            : (ConditionStatus.True, "Granted", $"grants {share.Spec.Role} in hub {share.Spec.HubRef.Name} to {granted.Count} users");
        await status.UpdateAsync(share, s =>
        {
            SetReady(s, ready, reason, message);
            s.Status = s.Status! with { GrantedUsers = granted.Count, ExpiresAt = expiresAt };
        }, cancellationToken);
        GovernanceMetrics.RecordShare(key.Namespace, key.Name, share.Spec.HubRef.Name, expiresAt);
        await WarnIfExpiringAsync(key, share, expiresAt, now, cancellationToken);
        if (!fresh)
        {
            return ReconcileResult.RequeueAfter(StatusTolerance); // read again once the model caught up
        }

        // Look again when the warning is due and at the expiry instant itself (the hub plans again at that instant too).
        var next = expiresAt is not { } at || at <= now ? (DateTimeOffset?)null : at - expiry.Warning > now ? at - expiry.Warning : at;
        return next is { } when ? ReconcileResult.ResyncAfter(when - now + TimeSpan.FromMilliseconds(50)) : ReconcileResult.Success;
    }

    private async Task WarnIfExpiringAsync(ResourceKey key, TeamShare share, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (expiresAt is not { } at || !ShareExpiry.IsExpiring(share, now, expiry.Warning) || (_warned.TryGetValue(key, out var warned) && warned == at))
        {
            return;
        }

        await events.WarningAsync(share, "ShareExpiring", "Expire",
            $"TeamShare {key} expires at {at:u} (in {(int)(at - now).TotalHours}h{(at - now).Minutes}m{(at - now).Seconds}s): from then on it grants nothing, and the access only it justified is removed from hub {share.Spec.HubRef.Name}; extend spec.expiresAt or spec.duration to keep it",
            cancellationToken);
        _warned[key] = at;
    }

    private async Task<ReconcileResult> FinalizeAsync(ResourceKey key, TeamShare share, BusinessHub? hub, string shareKey, string hubKey, CancellationToken cancellationToken)
    {
        if (!share.HasFinalizer(Finalizers.Cleanup))
        {
            Forget(key);
            return ReconcileResult.Success;
        }

        var now = time.GetUtcNow();
        var seen = _deletionSeen.GetOrAdd(key, _ => now);
        IReadOnlyList<string>? former = _granted.TryGetValue(key, out var users) ? users : null;
        var waiting = former is null || former.Count == 0 ? [] : world.Read(model => model.Hubs.ContainsKey(hubKey)
            ? model.Desired(hubKey) is var desired ? former.Where(u => !desired.Inactive.ContainsKey(u) && desired.Protecting(u).Any()).ToList() : []
            : new List<string>());
        var (step, why) = ShareDeletionCheck.Decide(hub, seen, now, former, waiting, deletion.Grace);
        switch (step)
        {
            case ShareDeletionStep.Release:
                await finalizers.RemoveAsync(share, Finalizers.Cleanup);
                Forget(key);
                return ReconcileResult.Success;
            case ShareDeletionStep.ReleaseUnconfirmed:
                if (hub is not null)
                {
                    await events.WarningAsync(hub, "DeletionUnconfirmed", "Finalize",
                        $"TeamShare {shareKey} was let go after {deletion.Grace.TotalSeconds:0} s before the hub confirmed the access only it justified is gone: {why}; the hub plans without it and removes that access as soon as it can",
                        cancellationToken);
                }

                await finalizers.RemoveAsync(share, Finalizers.Cleanup);
                Forget(key);
                return ReconcileResult.Success;
            default:
                await status.UpdateAsync(share, s => SetReady(s, ConditionStatus.False, "Deleting",
                    $"waiting for hub {share.Spec.HubRef.Name} to sync without this share, removing the access only it justified ({why}); at most until {(seen + deletion.Grace).UtcDateTime:u}"),
                    cancellationToken);
                var left = seen + deletion.Grace - now;
                return ReconcileResult.RequeueAfter(left < DeletionCheck ? left + TimeSpan.FromMilliseconds(100) : DeletionCheck);
        }
    }

    private void Forget(ResourceKey key)
    {
        _deletionSeen.TryRemove(key, out _);
        _granted.TryRemove(key, out _);
        _warned.TryRemove(key, out _);
        GovernanceMetrics.RecordShare(key.Namespace, key.Name, "", null);
    }

    private void SetReady(TeamShare share, ConditionStatus ready, string reason, string message)
    {
        var previous = share.Status ?? new TeamShareStatus();
        var conditions = new List<Condition>(previous.Conditions);
        var generation = share.Metadata.Generation ?? 0;
        Conditions.Set(conditions, ConditionTypes.Ready, ready, reason, message, generation, time);
        share.Status = previous with { ObservedGeneration = generation, Conditions = conditions };
    }
}
