using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>
/// Access reviews: from the due date on, revoke decisions (and missing ones under onMissing revoke) deny that user in
/// that hub, through the planner and under the removal guard; before it, decisions change nothing.
/// </summary>
public sealed class ReviewDenyTests
{
    private static readonly DateTimeOffset Due = PlanningWorld.Now.AddDays(1);

    private static PlanningWorld World() => new PlanningWorld().Hub().Hub("other").Users("alice", "bob")
        .Group("editors", "alice", "bob")
        .TeamShare("e", "editors", "Editor").TeamShare("o", "editors", "Editor", "other")
        .InApp("alice", "EMPLOYEE").InApp("bob", "EMPLOYEE").InApp("alice", "EMPLOYEE", hub: "other").InApp("bob", "EMPLOYEE", hub: "other");

    /// <summary>The lines the operator lists for the hub (as its status would hold them).</summary>
    private static List<ReviewLine> Listed(PlanningWorld world, string hub = "hub")
    {
        var model = world.Model();
        return [.. ReviewDenies.Lines(PlanningWorld.Key(hub), model.Hubs[PlanningWorld.Key(hub)], model.Granted(PlanningWorld.Key(hub)))];
    }

    private static string Id(string hub, string user) => ReviewDenies.LineId(PlanningWorld.Key(hub), PlanningWorld.Email(user));

    private static AccessReviewSpec Spec(ReviewDecision onMissing = ReviewDecision.Keep, params (string Id, ReviewDecision Decision)[] decisions) => new()
    {
        HubRef = new() { Name = "hub" },
        DueDate = Due,
        OnMissing = onMissing,
        Decisions = [.. decisions.Select(d => new ReviewDecisionEntry { Id = d.Id, Decision = d.Decision, Reviewer = "rita" })],
    };

    [Fact]
    public void Lines_have_a_stable_id_per_hub_and_user_with_role_and_origin()
    {
        var lines = Listed(World());

        Assert.Equal([Id("hub", "alice"), Id("hub", "bob")], lines.Select(l => l.Id));
        Assert.Equal(Id("hub", "alice"), Listed(World()).First().Id); // the same in every run
        Assert.NotEqual(Id("hub", "alice"), Id("other", "alice"));
        Assert.Equal(("Editor", "team editors (TeamShare default/e)"), (lines[0].Role, lines[0].Via));
    }

    [Fact]
    public void Revoke_denies_only_at_the_due_date_and_only_that_user_in_that_hub()
    {
        var world = World();
        world.Review("q4", Spec(ReviewDecision.Keep, (Id("hub", "alice"), ReviewDecision.Revoke)), new AccessReviewStatus { Items = Listed(world) });

        world.Plan(at: Due.AddSeconds(-1)).OnlyChanges(); // before the due date a decision changes nothing
        var plan = world.Plan(at: Due);
        plan.OnlyChanges((Remove, "alice"));
        Assert.Contains("revoked in AccessReview default/q4", plan.Single(Remove, "alice").Reason, StringComparison.Ordinal);
        world.Plan("other", at: Due).OnlyChanges(); // alice keeps the other hub
        Assert.Equal(Due, world.Model().NextChangeOf("default/hub"));
    }

    [Fact]
    public void Missing_decisions_are_revoked_only_under_onMissing_revoke()
    {
        var keep = World();
        keep.Review("q4", Spec(ReviewDecision.Keep, (Id("hub", "alice"), ReviewDecision.Keep)), new AccessReviewStatus { Items = Listed(keep) });
        keep.Plan(at: Due).OnlyChanges();

        var revoke = World();
        revoke.Review("q4", Spec(ReviewDecision.Revoke, (Id("hub", "alice"), ReviewDecision.Keep)), new AccessReviewStatus { Items = Listed(revoke) });
        revoke.Plan(at: Due).OnlyChanges((Remove, "bob"));
    }

    [Fact]
    public void Denies_stay_under_the_removal_guard()
    {
        var world = new PlanningWorld().Hub(policy: new HubPolicy { RemovalGuard = new RemovalGuard { MaxRemovals = 1, MaxRemovalsPercent = 100 } })
            .Users("alice", "bob").Group("editors", "alice", "bob").TeamShare("e", "editors", "Editor")
            .InApp("alice", "EMPLOYEE").InApp("bob", "EMPLOYEE");
        world.Review("q4", Spec(ReviewDecision.Revoke), new AccessReviewStatus { Items = Listed(world) });

        var plan = world.Plan(at: Due);

        Assert.Empty(plan.Changes);
        Assert.Equal(2, plan.HeldRemovals.Count);
    }

    [Fact]
    public void A_decision_for_a_line_never_listed_denies_nothing()
    {
        var world = World();
        world.Review("q4", Spec(ReviewDecision.Keep, ("0123456789", ReviewDecision.Revoke)), new AccessReviewStatus { Items = Listed(world) });

        world.Plan(at: Due).OnlyChanges();
    }
}
