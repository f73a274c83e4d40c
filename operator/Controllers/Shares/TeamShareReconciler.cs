using System.Collections.Concurrent;
using Cerby.Operator.Controllers.World;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>
/// A share's own status (valid or not and why, how many users it grants) and its finalizer: a deleted share stays
/// until its hub has synced without it, so the access it alone justified is gone from the app before the share is.
/// The hub reconciler does the removing; this one only waits for it.
/// </summary>
internal sealed class TeamShareReconciler(
    InformerSet informers,
    AccessWorld world,
    StatusWriter status,
    FinalizerWriter finalizers,
    TimeProvider time) : IReconciler
{
    /// <summary>How often a deleted share checks whether its hub has synced, besides the hub's own status changes.</summary>
    public static readonly TimeSpan DeletionCheck = TimeSpan.FromSeconds(10);

    // When this instance first saw each share deleting. deletionTimestamp has whole seconds and comes from the API
    // server's clock; a hub sync that started after this moment planned without the share (the access model is marked
    // for rebuilding before any controller hears of the deletion). After a restart the moment is later: cautious.
    private readonly ConcurrentDictionary<ResourceKey, DateTimeOffset> _deletionSeen = new();

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        if (informers.Get<TeamShare>().Cache.Get(key) is not { } share)
        {
            return ReconcileResult.Success;
        }

        var hub = informers.Get<BusinessHub>().Cache.Get(new ResourceKey(key.Namespace, share.Spec.HubRef.Name));
        if (share.Metadata.DeletionTimestamp is not null)
        {
            if (!share.HasFinalizer(Finalizers.Cleanup))
            {
                _deletionSeen.TryRemove(key, out _);
                return ReconcileResult.Success;
            }

            var seen = _deletionSeen.GetOrAdd(key, _ => time.GetUtcNow());
            if (HubSyncedSince(hub, seen))
            {
                await finalizers.RemoveAsync(share, Finalizers.Cleanup);
                _deletionSeen.TryRemove(key, out _);
                return ReconcileResult.Success;
            }

            await status.UpdateAsync(share, s => SetReady(s, ConditionStatus.False, "Deleting",
                $"waiting for hub {share.Spec.HubRef.Name} to sync without this share, removing the access only it justified" +
                (Conditions.IsTrue(hub?.Status?.Conditions ?? [], ConditionTypes.RemovalsHeld) ? "; the hub holds removals that need approval" : "")), cancellationToken);
            return ReconcileResult.RequeueAfter(DeletionCheck);
        }

        await finalizers.AddAsync(share, Finalizers.Cleanup, cancellationToken);
        var shareKey = ResourceKeys.Of(share.Metadata);
        var hubKey = ResourceKeys.Sibling(share.Metadata, share.Spec.HubRef.Name);
        var (problems, granted) = world.Read(model => (
            Problems: model.Problems.Where(p => p.Kind == TeamShare.KindName && p.Key == shareKey).Select(p => $"{p.Field}: {p.Message}").ToList(),
            Granted: model.Hubs.ContainsKey(hubKey) ? model.Desired(hubKey).Members.Values.Count(m => m.Grants.Any(g => g.Origin == $"TeamShare {shareKey}")) : 0));

        var (ready, reason, message) = problems.Count > 0 ? (ConditionStatus.False, "InvalidShare", string.Join("; ", problems))
            : hub is null ? (ConditionStatus.False, "HubNotFound", $"BusinessHub {hubKey} does not exist")
            : Conditions.Find(hub.Status?.Conditions ?? [], ConditionTypes.Ready) is { Status: not ConditionStatus.True } hubNotReady
                ? (ConditionStatus.False, "HubNotReady", $"hub {share.Spec.HubRef.Name}: {hubNotReady.Message}")
            : (ConditionStatus.True, "Granted", $"grants {share.Spec.Role} in hub {share.Spec.HubRef.Name} to {granted} users");
        await status.UpdateAsync(share, s =>
        {
            SetReady(s, ready, reason, message);
            s.Status = s.Status! with { GrantedUsers = granted };
        }, cancellationToken);
        return ReconcileResult.Success;
    }

    private static bool HubSyncedSince(BusinessHub? hub, DateTimeOffset deleting) =>
        hub is null
        || hub.Metadata.DeletionTimestamp is not null
        || hub.Spec.Policy.Paused
        || hub.Spec.Policy.DryRun
        || (hub.Status?.LastSyncTime is { } synced && synced > deleting
            && !Conditions.IsTrue(hub.Status.Conditions, ConditionTypes.RemovalsHeld)
            && Conditions.IsTrue(hub.Status.Conditions, ConditionTypes.Synced));

    private void SetReady(TeamShare share, ConditionStatus ready, string reason, string message)
    {
        var previous = share.Status ?? new TeamShareStatus();
        var conditions = new List<Condition>(previous.Conditions);
        var generation = share.Metadata.Generation ?? 0;
        Conditions.Set(conditions, ConditionTypes.Ready, ready, reason, message, generation, time);
        share.Status = previous with { ObservedGeneration = generation, Conditions = conditions };
    }
}
