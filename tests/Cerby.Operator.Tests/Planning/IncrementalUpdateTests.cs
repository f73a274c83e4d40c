using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Planning;

/// <summary>One IdP change re-plans only the hubs it affects, and gives the same desired access as a full rebuild.</summary>
public sealed class IncrementalUpdateTests
{
    private static PlanningWorld TwoHubs() => new PlanningWorld().Hub("a").Hub("b").Hub("c")
        .Users("alice", "bob", "carol")
        .Group("editors", "alice").Group("viewers", "bob")
        .TeamShare("ea", "editors", "Editor", "a").TeamShare("vb", "viewers", "Viewer", "b")
        .UserShare("carol-c", "carol@example.com", "Admin", "c");

    [Fact]
    public void Membership_change_returns_only_the_hubs_fed_by_the_group_and_matches_a_full_rebuild()
    {
        var model = TwoHubs().Model();

        (model, var affected) = model.Apply(IdentityChange.Group(PlanningWorld.Key(PlanningWorld.Idp),
            new IdpGroup(PlanningWorld.GroupId("editors"), "editors", MembershipState.Known, [PlanningWorld.UserId("alice"), PlanningWorld.UserId("bob")], PlanningWorld.Now)));

        Assert.Equal(["default/a"], affected);
        var rebuilt = TwoHubs().Group("editors", "alice", "bob").Model();
        Assert.Equal(rebuilt.Desired("default/a").Members.Keys.Order(), model.Desired("default/a").Members.Keys.Order());
        Assert.Contains("bob@example.com", model.Desired("default/a").Members.Keys);
    }

    [Fact]
    public void Deactivation_returns_the_hubs_of_the_users_teams_and_individual_shares_only()
    {
        var model = TwoHubs().Model();

        (model, var forBob) = model.Apply(IdentityChange.User(PlanningWorld.Key(PlanningWorld.Idp), new IdpUser(PlanningWorld.UserId("bob"), "bob@example.com", UserLifecycle.Deactivated, new Dictionary<string, string>())));
        (model, var forCarol) = model.Apply(IdentityChange.User(PlanningWorld.Key(PlanningWorld.Idp), new IdpUser(PlanningWorld.UserId("carol"), "carol@example.com", UserLifecycle.Suspended, new Dictionary<string, string>())));

        Assert.Equal(["default/b"], forBob);
        Assert.Equal(["default/c"], forCarol);
        Assert.Empty(model.Desired("default/b").Members);
        Assert.Empty(model.Desired("default/c").Members);
        Assert.Contains("carol@example.com", model.Desired("default/c").Inactive.Keys);
    }

    [Fact]
    public void Group_bound_by_display_name_is_found_on_update()
    {
        var world = new PlanningWorld().Hub().Users("alice").Group("Marketing Team").TeamShare("m", "mkt", "Editor")
            .Bind("mkt", new Cerby.Operator.Resources.IdpGroupReference { DisplayName = "Marketing Team" });
        var model = world.Model();

        (model, var affected) = model.Apply(IdentityChange.Group(PlanningWorld.Key(PlanningWorld.Idp),
            new IdpGroup(PlanningWorld.GroupId("Marketing Team"), "Marketing Team", MembershipState.Known, [PlanningWorld.UserId("alice")], PlanningWorld.Now)));

        Assert.Contains("default/hub", affected);
        Assert.Contains("alice@example.com", model.Desired("default/hub").Members.Keys);
    }

    [Fact]
    public void A_change_gives_the_next_snapshot_and_leaves_the_one_being_planned_as_it_was()
    {
        var before = TwoHubs().Model();
        var change = IdentityChange.Group(PlanningWorld.Key(PlanningWorld.Idp),
            new IdpGroup(PlanningWorld.GroupId("editors"), "editors", MembershipState.Known, [PlanningWorld.UserId("alice"), PlanningWorld.UserId("bob")], PlanningWorld.Now));

        var (after, affected) = before.Apply(change);

        Assert.Equal(["default/a"], affected);
        Assert.Equal(affected, AffectedHubs.Of(before, change));
        Assert.Equal(["alice@example.com"], before.Desired("default/a").Members.Keys);
        Assert.Equal(["alice@example.com", "bob@example.com"], after.Desired("default/a").Members.Keys.Order());
    }
}
