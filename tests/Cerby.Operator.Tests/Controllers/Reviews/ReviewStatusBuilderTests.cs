using Cerby.Operator.Controllers.Reviews;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Controllers.Reviews;

/// <summary>
/// An AccessReview's status: lines follow who has access until the due date, then freeze (what was reviewed is what is
/// enforced); Completed, Overdue and the counts say how far the review is.
/// </summary>
public sealed class ReviewStatusBuilderTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 31, 17, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Due.AddDays(-1));

    private static ReviewLine Line(string id, string user) => new() { Id = id, Hub = "crm", User = user, Role = "Viewer", Via = "team sales (TeamShare ns/sales)" };

    private static AccessReview Review(ReviewDecision onMissing, AccessReviewStatus? status, params (string Id, ReviewDecision Decision)[] decisions) => new()
    {
        Metadata = new() { Name = "q4", NamespaceProperty = "ns", Generation = 1 },
        Spec = new AccessReviewSpec
        {
            HubRef = new() { Name = "crm" },
            DueDate = Due,
            OnMissing = onMissing,
            Decisions = [.. decisions.Select(d => new ReviewDecisionEntry { Id = d.Id, Decision = d.Decision })],
        },
        Status = status,
    };

    private static string Condition(AccessReviewStatus status, string type) =>
        status.Conditions.Single(c => c.Type == type) is var c ? $"{c.Status} {c.Reason}" : "";

    [Fact]
    public void Before_the_due_date_lines_follow_access_and_nothing_is_revoked()
    {
        var review = Review(ReviewDecision.Revoke, null, ("aaa", ReviewDecision.Revoke));

        var result = ReviewStatusBuilder.Decide(review, [Line("aaa", "alice@x"), Line("bbb", "bob@x")], _time.GetUtcNow(), _time);

        Assert.Equal(["aaa", "bbb"], result.Status.Items.Select(i => i.Id));
        Assert.Equal((2, 1, 0), (result.Status.LineCount, result.Status.DecidedCount, result.Status.RevokedCount));
        Assert.Empty(result.Denied);
        Assert.Null(result.Status.FrozenAt);
        Assert.Equal("False Undecided", Condition(result.Status, "Completed"));
        Assert.Equal("False NotDue", Condition(result.Status, "Overdue"));
        Assert.Equal(TimeSpan.FromMinutes(1), result.LookAgainAfter);
    }

    [Fact]
    public void At_the_due_date_lines_freeze_and_revokes_and_missing_ones_under_onMissing_revoke_are_denied()
    {
        var listed = new AccessReviewStatus { Items = [Line("aaa", "alice@x"), Line("bbb", "bob@x"), Line("ccc", "carol@x")], LineCount = 3 };
        var review = Review(ReviewDecision.Revoke, listed, ("aaa", ReviewDecision.Revoke), ("bbb", ReviewDecision.Keep));
        _time.SetUtcNow(Due);

        // carol lost access in the meantime and dave gained it: the frozen list is what was reviewed.
        var first = ReviewStatusBuilder.Decide(review, [Line("aaa", "alice@x"), Line("bbb", "bob@x"), Line("ddd", "dave@x")], _time.GetUtcNow(), _time);
        Assert.True(first.JustFrozen);
        Assert.Equal(["aaa", "bbb", "ddd"], first.Status.Items.Select(i => i.Id)); // frozen at the first look after the due date
        var frozen = Review(ReviewDecision.Revoke, first.Status, ("aaa", ReviewDecision.Revoke), ("bbb", ReviewDecision.Keep));

        var later = ReviewStatusBuilder.Decide(frozen, [Line("bbb", "bob@x"), Line("eee", "erin@x")], _time.GetUtcNow().AddHours(1), _time);

        Assert.False(later.JustFrozen);
        Assert.Equal(["aaa", "bbb", "ddd"], later.Status.Items.Select(i => i.Id));
        Assert.Equal(["alice@x", "dave@x"], later.Denied.Select(d => d.Line.User)); // alice revoked, dave undecided under onMissing revoke
        Assert.Equal("True DueDatePassed", Condition(later.Status, "Overdue"));
        Assert.Equal(2, later.Status.RevokedCount);
        Assert.Null(later.LookAgainAfter);
    }

    [Fact]
    public void Every_line_decided_is_Completed_and_a_decision_for_an_unlisted_id_is_named()
    {
        var review = Review(ReviewDecision.Keep, null, ("aaa", ReviewDecision.Keep), ("zzz", ReviewDecision.Revoke));

        var result = ReviewStatusBuilder.Decide(review, [Line("aaa", "alice@x")], _time.GetUtcNow(), _time);

        Assert.Equal("True AllDecided", Condition(result.Status, "Completed"));
        Assert.Equal(["zzz"], result.UnknownIds);
        Assert.Contains("zzz", result.Status.Conditions.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_of_a_hub_that_does_not_exist_is_not_Ready()
    {
        var result = ReviewStatusBuilder.Decide(Review(ReviewDecision.Keep, null), [], _time.GetUtcNow(), _time, hubFound: false);

        Assert.Equal("False HubNotFound", Condition(result.Status, "Ready"));
        Assert.Contains("ns/crm", result.Status.Conditions.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_lines_than_the_limit_are_counted_but_only_the_first_are_listed()
    {
        var lines = Enumerable.Range(0, 620).Select(i => Line(i.ToString("x6"), $"u{i}@x")).ToList();

        var result = ReviewStatusBuilder.Decide(Review(ReviewDecision.Keep, null), lines, _time.GetUtcNow(), _time);

        Assert.Equal((500, 620), (result.Status.Items.Count, result.Status.LineCount));
        Assert.Contains("lists the first 500", result.Status.Conditions.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
    }
}
