using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Reviews;

/// <summary>What an AccessReview's reconcile decided: the new status, what to report, and when to look again.</summary>
internal sealed record ReviewDecisionResult(
    AccessReviewStatus Status,
    bool JustFrozen,
    int Undecided,
    IReadOnlyList<string> UnknownIds,
    IReadOnlyList<(ReviewLine Line, string Reason)> Denied,
    TimeSpan? LookAgainAfter);

/// <summary>
/// The pure decision of an AccessReview: before the due date the lines follow who the shares grant access to now; at
/// the due date they are frozen (what was reviewed is what is enforced) and the revoke decisions (and missing ones under
/// onMissing revoke) become denies that the access model applies to the hubs. Conditions: Ready (lines listed),
/// Completed (every line decided), Overdue (due date passed with lines undecided).
/// </summary>
internal static class ReviewStatusBuilder
{
    /// <summary>How often the lines of a review not yet due are listed again, besides hub changes.</summary>
    public static readonly TimeSpan Relist = TimeSpan.FromMinutes(1);

    /// <param name="current">Every line under review now (all hubs in scope), ordered by hub and user.</param>
    /// <param name="hubFound">False when spec.hubRef names a hub the access model does not hold (missing or invalid).</param>
    public static ReviewDecisionResult Decide(AccessReview review, IReadOnlyList<ReviewLine> current, DateTimeOffset now, TimeProvider time, bool hubFound = true)
    {
        var previous = review.Status ?? new AccessReviewStatus();
        var due = ReviewDenies.IsDue(review, now);
        var frozen = due && previous.FrozenAt is not null;
        var items = frozen ? previous.Items : [.. current.Take(ReviewDenies.MaxListedLines)];
        var lineCount = frozen ? previous.LineCount : current.Count;
        var listed = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var decided = review.Spec.Decisions.Where(d => listed.Contains(d.Id)).Select(d => d.Id).Distinct(StringComparer.Ordinal).Count();
        var unknownIds = review.Spec.Decisions.Select(d => d.Id).Where(id => !listed.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        var undecided = items.Count - decided;
        var withItems = new AccessReview { Metadata = review.Metadata, Spec = review.Spec, Status = previous with { Items = items } };
        var denied = ReviewDenies.Denied(withItems, now).ToList();

        var generation = review.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        var scope = review.Spec.HubRef is { } hub ? $"hub {hub.Name}" : $"every hub of namespace {review.Metadata.NamespaceProperty}";
        var cut = lineCount > items.Count ? $" (status.items lists the first {items.Count}; the rest are kept and cannot be decided here)" : "";
        var listing = $"{lineCount} grants under review in {scope}{cut}; {decided} decided" + (unknownIds.Count > 0 ? $"; decisions name ids that are not listed: {TextLimits.JoinBounded(unknownIds, ", ", 512)}" : "");
        if (hubFound)
        {
            Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.True, frozen || due ? ConditionReasons.Frozen : ConditionReasons.Listed, listing, generation, time);
        }
        else
        {
            Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.HubNotFound,
                $"BusinessHub {review.Metadata.NamespaceProperty}/{review.Spec.HubRef?.Name} does not exist or is invalid; {listing}", generation, time);
        }
        Conditions.Set(conditions, ConditionTypes.Completed, undecided == 0 ? ConditionStatus.True : ConditionStatus.False,
            undecided == 0 ? ConditionReasons.AllDecided : ConditionReasons.Undecided, undecided == 0 ? "every line has a decision" : $"{undecided} of {items.Count} lines have no decision yet", generation, time);
        var onMissing = review.Spec.OnMissing == ReviewDecision.Revoke ? "revoked (onMissing: revoke)" : "kept (onMissing: keep)";
        Conditions.Set(conditions, ConditionTypes.Overdue, due && undecided > 0 ? ConditionStatus.True : ConditionStatus.False,
            due && undecided > 0 ? ConditionReasons.DueDatePassed : due ? ConditionReasons.Decided : ConditionReasons.NotDue,
            due && undecided > 0 ? $"the due date {review.Spec.DueDate:u} passed with {undecided} lines undecided: they are {onMissing}"
                : due ? $"due {review.Spec.DueDate:u}: {denied.Count} lines revoked, the rest kept" : $"due {review.Spec.DueDate:u}",
            generation, time);

        var status = previous with
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            Items = items,
            LineCount = lineCount,
            DecidedCount = decided,
            RevokedCount = denied.Count,
            FrozenAt = due ? previous.FrozenAt ?? now : null,
        };
        var lookAgain = due ? (TimeSpan?)null : review.Spec.DueDate - now < Relist ? review.Spec.DueDate - now + TimeSpan.FromMilliseconds(50) : Relist;
        return new ReviewDecisionResult(status, due && previous.FrozenAt is null, undecided, unknownIds, denied, lookAgain);
    }
}
