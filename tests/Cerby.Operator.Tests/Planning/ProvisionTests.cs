using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Planning;

/// <summary>Seed 001: joining a group bound to a shared team gives the app seat with the team's role and assets.</summary>
public sealed class ProvisionTests
{
    [Fact]
    public void New_group_member_is_added_with_the_teams_native_role()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("marketing-editors", "alice")
            .TeamShare("mkt", "marketing-editors", "Editor")
            .Plan();

        var add = plan.Single(Add, "alice");
        Assert.Equal("Editor", add.To);
        Assert.Equal("EMPLOYEE", add.NativeRole);
        Assert.Null(add.From);
    }

    [Fact]
    public void Reason_names_the_team_and_the_share_that_grant_access()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("marketing-editors", "alice")
            .TeamShare("mkt", "marketing-editors", "Editor")
            .Plan();

        Assert.Equal("Editor via team marketing-editors (TeamShare default/mkt)", plan.Single(Add, "alice").Reason);
    }

    [Fact]
    public void New_member_gets_the_shares_assets_with_the_tasks_of_the_role()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("social", "alice")
            .TeamShare("social", "social", "Editor", "hub",
                new AssetShare { Kind = AssetKind.Page, Id = "111" },
                new AssetShare { Kind = AssetKind.AdAccount, Id = "act_222", Role = "Viewer" })
            .Plan();

        var grants = plan.Changes.Where(c => c.Kind == GrantAsset).ToDictionary(c => c.Asset!.ToString(), c => c.Tasks);
        Assert.Equal(["ANALYZE", "CREATE_CONTENT"], grants["page/111"]);
        Assert.Equal(["ANALYZE"], grants["adAccount/act_222"]);
    }

    [Fact]
    public void Member_already_in_the_app_with_the_right_role_and_assets_needs_no_change()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("social", "alice")
            .TeamShare("social", "social", "Editor", "hub", new AssetShare { Kind = AssetKind.Page, Id = "111" })
            .InApp("alice", "EMPLOYEE", assets: [new AppAsset(AssetKind.Page, "111", ["CREATE_CONTENT", "ANALYZE"])])
            .Plan();

        Assert.True(plan.IsEmpty, PlanAssert.Describe(plan));
    }

    [Fact]
    public void Member_added_to_the_app_gets_the_missing_asset_only()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("social", "alice")
            .TeamShare("social", "social", "Editor", "hub", new AssetShare { Kind = AssetKind.Page, Id = "111" }, new AssetShare { Kind = AssetKind.Page, Id = "333" })
            .InApp("alice", "EMPLOYEE", assets: [new AppAsset(AssetKind.Page, "111", ["CREATE_CONTENT", "ANALYZE"])])
            .Plan();

        var grant = plan.Single(GrantAsset, "alice");
        Assert.Equal("page/333", grant.Asset!.ToString());
        Assert.Single(plan.Changes);
    }

    [Fact]
    public void Native_roles_are_compared_case_insensitively()
    {
        var plan = new PlanningWorld().Hub().Users("alice").Group("t", "alice").TeamShare("s", "t", "Editor")
            .InApp("alice", "employee")
            .Plan();

        Assert.True(plan.IsEmpty, PlanAssert.Describe(plan));
    }
}
