using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>Several shares: the highest-ranked role wins; assets are the union with the strongest tasks per asset.</summary>
public sealed class SeveralSharesTests
{
    [Fact]
    public void Highest_ranked_role_wins_across_team_shares()
    {
        var plan = new PlanningWorld().Hub().Users("alice")
            .Group("viewers", "alice").Group("admins", "alice")
            .TeamShare("v", "viewers", "Viewer").TeamShare("a", "admins", "Admin")
            .Plan();

        var add = plan.Single(Add, "alice");
        Assert.Equal("Admin", add.To);
        Assert.Equal("Admin via team admins (TeamShare default/a); also Viewer via team viewers (TeamShare default/v)", add.Reason);
    }

    [Fact]
    public void Individual_share_with_a_higher_role_outranks_the_team()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("viewers", "alice")
            .TeamShare("v", "viewers", "Viewer").UserShare("alice-admin", "alice@example.com", "Admin")
            .InApp("alice", "ANALYST")
            .Plan();

        var raise = plan.Single(RaiseRole, "alice");
        Assert.Equal(("Viewer", "Admin"), (raise.From, raise.To));
        Assert.Contains("individual share (TeamShare default/alice-admin)", raise.Reason);
    }

    [Fact]
    public void Individual_share_can_name_the_user_by_idp_id()
    {
        var plan = new PlanningWorld().Hub().Users("alice").UserShare("alice", PlanningWorld.UserId("alice"), "Viewer").Plan();

        Assert.Equal("Viewer", plan.Single(Add, "alice").To);
    }

    [Fact]
    public void Assets_are_the_union_and_each_asset_gets_the_strongest_tasks()
    {
        var plan = new PlanningWorld().Hub().Users("alice")
            .Group("viewers", "alice").Group("editors", "alice")
            .TeamShare("v", "viewers", "Viewer", "hub", new AssetShare { Kind = AssetKind.Page, Id = "1" }, new AssetShare { Kind = AssetKind.Page, Id = "2" })
            .TeamShare("e", "editors", "Editor", "hub", new AssetShare { Kind = AssetKind.Page, Id = "2" }, new AssetShare { Kind = AssetKind.AdAccount, Id = "3" })
            .Plan();

        var tasks = plan.Changes.Where(c => c.Kind == GrantAsset).ToDictionary(c => c.Asset!.ToString(), c => string.Join("+", c.Tasks!));
        Assert.Equal(new Dictionary<string, string>
        {
            ["page/1"] = "ANALYZE",
            ["page/2"] = "ANALYZE+CREATE_CONTENT",
            ["adAccount/3"] = "ANALYZE+CREATE_CONTENT",
        }, tasks);
    }

    [Fact]
    public void Per_asset_role_can_be_stronger_than_the_shares_role()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("viewers", "alice")
            .TeamShare("v", "viewers", "Viewer", "hub", new AssetShare { Kind = AssetKind.Page, Id = "1", Role = "Admin" })
            .Plan();

        Assert.Equal("Viewer", plan.Single(Add, "alice").To);
        Assert.Equal(["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MANAGE"], plan.Single(GrantAsset, "alice").Tasks);
    }
}
