namespace Cerby.Operator.Tests.Cli;

/// <summary>The plan of examples/tiktok shows what its comments say happens in the Business Center.</summary>
public sealed class PlanTikTokExampleTests
{
    [Fact]
    public void The_tiktok_example_invites_the_new_member_sets_the_ad_account_role_and_reports_the_hand_made_admin()
    {
        var plan = CliResult.PlanJson(RepoPaths.Examples("tiktok"));
        var changes = PlannedChange.All(plan);

        Assert.Contains(changes, c => c is { Action: "Invite", User: "nadia.new@acme.example", To: "Operator" });
        Assert.Contains(changes, c => c is { User: "omar.operator@acme.example", Asset: "adAccount/7200000000000000001", To: "AD_PROMOTE+OPERATOR" });
        Assert.DoesNotContain(changes, c => c.User == "pia.pending@acme.example");
        Assert.Equal(2, changes.Count);
        Assert.Contains(PlannedChange.Drift(plan), d => d is { Status: "reported", Change.User: "zoe.byhand@acme.example" });
    }
}
