namespace Cerby.Operator.Tests.Cli;

/// <summary>The plan of examples/github shows what a GitHub organization hub does with joiners, movers and leavers.</summary>
public sealed class GitHubExampleTests
{
    [Fact]
    public void Joiner_is_invited_mover_becomes_owner_and_team_maintainer_leaver_is_removed_and_an_off_rule_login_is_drift()
    {
        var plan = CliResult.PlanJson(RepoPaths.Examples("github"));
        var changes = PlannedChange.All(plan);

        Assert.Contains(changes, c => c is { Action: "Invite", User: "ada@acme.example", To: "Engineer" });
        Assert.Contains(changes, c => c is { Action: "RaiseRole", User: "bea@acme.example", From: "Engineer", To: "Owner" });
        Assert.Contains(changes, c => c.User == "bea@acme.example" && c.Asset == "team/platform" && c.To == "maintainer");
        Assert.Contains(changes, c => c is { Action: "Remove", User: "dev@acme.example" });
        Assert.DoesNotContain(changes, c => c.User == "cyd@acme.example");
        Assert.Contains(PlannedChange.Drift(plan), d => d.Change.User == "octocat@users.noreply.github.com");
    }
}
