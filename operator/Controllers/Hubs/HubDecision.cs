using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// What one sync of a hub decided before acting (<see cref="BusinessHubDecision.Decide"/>): the Events to record, the
/// changes to apply, and either the early end of the sync (a status and a result) or a plan whose outcome
/// <see cref="BusinessHubDecision.Report"/> turns into status and result once it was applied.
/// </summary>
/// <param name="Forget">The hub is gone: forget its connection, metrics and share grants; change nothing in the app.</param>
/// <param name="Events">Warnings to record on the hub, in order, before applying.</param>
/// <param name="Status">The status to write when the sync ends early (paused, invalid, no credentials, app unreadable); null when a plan was made.</param>
/// <param name="Result">The result when the sync ends early; null when a plan was made.</param>
/// <param name="Problem">Why the sync ended early, for the log; null otherwise.</param>
/// <param name="Plan">The planner's answer; null when the sync ended early.</param>
/// <param name="ToApply">The changes to apply now (none under dryRun).</param>
/// <param name="Grants">The users each share of the hub grants (share key → user keys), for the shares' status; null when the hub is gone.</param>
/// <param name="SharesToRefresh">The shares whose status shows another count than <paramref name="Grants"/>: the only ones to reconcile.</param>
/// <param name="ToConfirm">Users whose narrowing changes were planned from a kept state that may be stale: read them, then decide again; their narrowing changes are not in <paramref name="ToApply"/>.</param>
internal sealed record HubDecision(
    bool Forget,
    IReadOnlyList<EventToRecord> Events,
    BusinessHubStatus? Status,
    ReconcileResult? Result,
    string? Problem,
    AccessPlan? Plan,
    IReadOnlyList<AccessChange> ToApply,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Grants,
    IReadOnlyList<ResourceKey> SharesToRefresh,
    IReadOnlyList<string>? ToConfirm = null);
