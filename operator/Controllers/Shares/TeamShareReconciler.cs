using System.Collections.Concurrent;
using Cerby.Operator.Controllers.World;
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

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        if (informers.Get<TeamShare>().Cache.Get(key) is not { } share)
        {
            _granted.TryRemove(key, out _);
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
            Problems: model.Problems.Where(p => p.Kind == TeamShare.KindName && p.Key == shareKey).Select(p => $"{p.Field}: {p.Message}").ToList(),
            Granted: model.GrantedUsers(hubKey, shareKey)), StatusTolerance);
        _granted[key] = granted;

        var (ready, reason, message) = problems.Count > 0
                ? (ConditionStatus.False, "InvalidShare", TextLimits.JoinBounded(problems, "; ") + "; the users it names keep the access they have until it is fixed")
            : hub is null ? (ConditionStatus.False, "HubNotFound", $"BusinessHub {hubKey} does not exist")
            : Conditions.Find(hub.Status?.Conditions ?? [], ConditionTypes.Ready) is { Status: not ConditionStatus.True } hubNotReady
                ? (ConditionStatus.False, "HubNotReady", TextLimits.Truncate($"hub {share.Spec.HubRef.Name}: {hubNotReady.Message}", TextLimits.ReasonChars))
            : (ConditionStatus.True, "Granted", $"grants {share.Spec.Role} in hub {share.Spec.HubRef.Name} to {granted.Count} users");
        await status.UpdateAsync(share, s =>
        {
            SetReady(s, ready, reason, message);
            s.Status = s.Status! with { GrantedUsers = granted.Count };
        }, cancellationToken);
        return fresh ? ReconcileResult.Success : ReconcileResult.RequeueAfter(StatusTolerance); // read again once the model caught up
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
