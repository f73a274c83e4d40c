using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Controllers.World;
using Cerby.Operator.Observability;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Reviews;

/// <summary>
/// An AccessReview's status: gather the grants under review from the access model (before any review's denies), decide
/// (<see cref="ReviewStatusBuilder"/>), and write status, Events and metrics. It changes no app: from the due date on the
/// access model reads the frozen lines and the decisions and the hubs remove the denied users themselves, through the
/// planner and the removal guard; deleting the review lifts its denies.
/// </summary>
internal sealed class AccessReviewReconciler(
    InformerSet informers,
    AccessWorld world,
    StatusWriter status,
    EventRecorder events,
    TimeProvider time) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        if (informers.Get<AccessReview>().Cache.Get(key) is not { } review || review.Metadata.DeletionTimestamp is not null)
        {
            GovernanceMetrics.RecordReview(key.Namespace, key.Name, exists: false);
            return ReconcileResult.Success;
        }

        var (lines, hubFound) = world.Read(model => (
            Lines: model.Hubs.Keys
                .Where(hubKey => ReviewDenies.Covers(review, hubKey))
                .Order(StringComparer.Ordinal)
                .SelectMany(hubKey => ReviewDenies.Lines(hubKey, model.Hubs[hubKey], model.Granted(hubKey)))
                .ToList(),
            HubFound: review.Spec.HubRef is not { } hub || model.Hubs.ContainsKey($"{key.Namespace}/{hub.Name}")));
        var now = time.GetUtcNow();
        var decision = ReviewStatusBuilder.Decide(review, lines, now, time, hubFound);
        await status.UpdateAsync(review, r => r.Status = decision.Status, cancellationToken);
        GovernanceMetrics.RecordReview(key.Namespace, key.Name, exists: true,
            open: !ReviewDenies.IsDue(review, now) && decision.Undecided > 0, overdueLines: ReviewDenies.IsDue(review, now) ? decision.Undecided : 0);

        if (decision.JustFrozen)
        {
            var revoked = decision.Denied.Select(d => $"{d.Line.User} in {d.Line.Hub}").ToList();
            await events.NormalAsync(review, EventReasons.ReviewDue, "Enforce",
                $"due date reached: {decision.Status.Items.Count} lines frozen, {revoked.Count} revoked" + (revoked.Count > 0 ? $" ({TextLimits.JoinBounded(revoked, ", ", 1024)}); the hubs remove them under their removal guard until this review is deleted" : ""),
                cancellationToken);
            if (decision.Undecided > 0)
            {
                await events.WarningAsync(review, EventReasons.ReviewOverdue, "Enforce",
                    $"{decision.Undecided} lines had no decision at the due date: {(review.Spec.OnMissing == ReviewDecision.Revoke ? "revoked (onMissing: revoke)" : "kept (onMissing: keep)")}",
                    cancellationToken);
            }
        }

        return decision.LookAgainAfter is { } after ? ReconcileResult.ResyncAfter(after) : ReconcileResult.Success;
    }
}
