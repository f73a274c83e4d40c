using System.Collections.Concurrent;
using Cerby.Operator.Controllers.World;
using Cerby.Operator.Observability;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>
/// A share's own status (valid or not and why, how many users it grants) and its finalizer: a deleted share stays
/// until its hub has synced without it and could act on the users it granted, so the access it alone justified is gone
/// from the app before the share is; never longer than <see cref="ShareDeletionOptions.Grace"/> (see there why).
/// The hub reconciler does the removing and counts the users of every share once per sync (<see cref="ShareGrantBoard"/>);
/// this one only shows them, and waits. Gather → <see cref="TeamShareDecision.Decide"/> (pure) → act.
/// </summary>
internal sealed class TeamShareReconciler(
    InformerSet informers,
    AccessWorld world,
    ShareGrantBoard grants,
    StatusWriter status,
    FinalizerWriter finalizers,
    EventRecorder events,
    ShareDeletionOptions deletion,
    ShareExpiryOptions expiry,
    TimeProvider time) : IReconciler
{
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
        var now = time.GetUtcNow();
        var inputs = Gather(key, now);
        var decision = TeamShareDecision.Decide(inputs, now);
        return await ActAsync(key, inputs, decision, cancellationToken);
    }

    private TeamShareInputs Gather(ResourceKey key, DateTimeOffset now)
    {
        if (informers.Get<TeamShare>().Cache.Get(key) is not { } share)
        {
            return new TeamShareInputs(null, null, key.ToString());
        }

        var hub = informers.Get<BusinessHub>().Cache.Get(new ResourceKey(key.Namespace, share.Spec.HubRef.Name));
        var shareKey = ResourceKeys.Of(share.Metadata);
        var hubKey = ResourceKeys.Sibling(share.Metadata, share.Spec.HubRef.Name);
        var inputs = new TeamShareInputs(share, hub, shareKey, Grace: deletion.Grace, ExpiryWarning: expiry.Warning,
            WarnedExpiry: _warned.TryGetValue(key, out var warned) ? warned : null);
        if (share.Metadata.DeletionTimestamp is null)
        {
            var (problems, fresh) = world.ReadRecent(
                model => model.Problems.Where(p => p.Kind == TeamShare.KindName && p.Key == shareKey).Select(p => $"{p.Field}: {p.Message}").ToList(),
                TeamShareDecision.StatusTolerance);
            return inputs with { Problems = problems, ProblemsFresh = fresh, Granted = grants.Granted(hubKey, shareKey) };
        }

        IReadOnlyList<string>? former = _granted.TryGetValue(key, out var users) ? users : null;
        var waiting = former is null || former.Count == 0 ? [] : world.Read(model => model.Hubs.ContainsKey(hubKey)
            ? model.Desired(hubKey) is var desired ? former.Where(u => !desired.Inactive.ContainsKey(u) && desired.Protecting(u).Any()).ToList() : []
            : new List<string>());
        return inputs with { DeletionSeen = _deletionSeen.GetOrAdd(key, _ => now), FormerUsers = former, WaitingUsers = waiting };
    }

    private async Task<ReconcileResult> ActAsync(ResourceKey key, TeamShareInputs inputs, TeamShareDecision decision, CancellationToken cancellationToken)
    {
        if (decision.RememberGranted is { } granted)
        {
            _granted[key] = granted;
        }

        if (inputs.Share is { } share)
        {
            if (decision.AddFinalizer)
            {
                await finalizers.AddAsync(share, Finalizers.Cleanup, cancellationToken);
            }

            if (decision.HubEvent is { } warning && inputs.Hub is { } hub)
            {
                await events.WarningAsync(hub, warning.Reason, warning.Action, warning.Note, cancellationToken);
            }

            if (decision.RemoveFinalizer)
            {
                await finalizers.RemoveAsync(share, Finalizers.Cleanup);
            }

            if (decision.Status is { } next)
            {
                await status.UpdateAsync(share, s => s.Status = next, cancellationToken);
                GovernanceMetrics.RecordShare(key.Namespace, key.Name, share.Spec.HubRef.Name, next.ExpiresAt);
            }

            if (decision.ShareEvent is { } expiring)
            {
                await events.WarningAsync(share, expiring.Reason, expiring.Action, expiring.Note, cancellationToken);
                _warned[key] = decision.Warned!.Value;
            }
        }

        if (decision.Forget)
        {
            _deletionSeen.TryRemove(key, out _);
            _granted.TryRemove(key, out _);
            _warned.TryRemove(key, out _);
            GovernanceMetrics.RecordShare(key.Namespace, key.Name, "", null);
        }

        return decision.Result;
    }
}
