using System.Text.Json.Nodes;

namespace Cerby.Operator.Tests.Cli;

/// <summary><c>explain</c> on the seed examples: every path, the winning role, and what removing each path would do.</summary>
public sealed class ExplainTests
{
    [Fact]
    public void A_user_with_an_individual_share_and_a_team_share_sees_both_paths_and_what_each_removal_would_do()
    {
        var result = CliResult.Run("explain", "--hub", "seed-linkedin/linkedin-ads", "--user", "amir@acme.example", RepoPaths.Examples("linkedin"), "-o", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("Manager", json["entitled"]!["role"]!.GetValue<string>());
        var paths = json["paths"]!.AsArray();
        Assert.Equal(2, paths.Count);
        Assert.Equal("individualShare", paths[0]!["kind"]!.GetValue<string>());
        Assert.Equal("lowerRole", paths[0]!["ifRemoved"]!["outcome"]!.GetValue<string>());
        Assert.Equal("Campaigns", paths[0]!["ifRemoved"]!["role"]!.GetValue<string>());
        Assert.Equal("teamShare", paths[1]!["kind"]!.GetValue<string>());
        Assert.Equal("Paid Media", paths[1]!["idpGroup"]!.GetValue<string>());
        Assert.Equal("seed-linkedin/paid-media", paths[1]!["binding"]!.GetValue<string>());
        Assert.Equal("keep", paths[1]!["ifRemoved"]!["outcome"]!.GetValue<string>());
        var group = Assert.Single(json["groups"]!.AsArray())!;
        Assert.Equal("keep", group["ifRemoved"]!["outcome"]!.GetValue<string>());
        Assert.Equal("Add", Assert.Single(json["changes"]!.AsArray())!["action"]!.GetValue<string>());
    }

    [Fact]
    public void The_text_output_names_the_chain_from_share_to_IdP_group_and_the_only_path_removes()
    {
        var result = CliResult.Run("explain", "--hub", "seed-000/meta-marketing", "--user", "KATE.moved@acme.example", RepoPaths.Examples("000-role-update"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Entitled: Admin (ADMIN)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("In the app: Editor (EMPLOYEE), active", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("TeamShare seed-000/marketing-admins → team marketing-admins ← group Marketing Admins (00g5m2k8a1n3d7r9e4s6) in IdentityProvider seed-000/okta (IdpGroupBinding seed-000/marketing-admins)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("removed from the hub: no other path grants access", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"RaiseRole\s+Editor\s+Admin", result.Stdout);
    }

    [Fact]
    public void An_app_assignment_through_a_group_is_a_path_and_an_inactive_user_has_none_with_the_reason()
    {
        var assigned = CliResult.Run("explain", "--hub", "seed-003/brandkit", "--user", "paula.group@acme.example", RepoPaths.Examples("003-idlcm"), "-o", "json");
        var deactivated = CliResult.Run("explain", "--hub", "seed-004/meta-marketing", "--user", "ivan.deactivated@acme.example", RepoPaths.Examples("004-deprovision"), "-o", "json");

        var path = Assert.Single(JsonNode.Parse(assigned.Stdout)!["paths"]!.AsArray())!;
        Assert.Equal("appAssignment", path["kind"]!.GetValue<string>());
        Assert.Equal("Design Team", path["idpGroup"]!.GetValue<string>());
        Assert.Equal("remove", path["ifRemoved"]!["outcome"]!.GetValue<string>());
        var ivan = JsonNode.Parse(deactivated.Stdout)!;
        Assert.Empty(ivan["paths"]!.AsArray());
        Assert.Null(ivan["entitled"]);
        Assert.Contains(ivan["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("deactivated in the IdP", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_hub_is_an_error_and_missing_arguments_a_usage_error()
    {
        Assert.Equal(1, CliResult.Run("explain", "--hub", "seed-000/nope", "--user", "a@b.c", RepoPaths.Examples("000-role-update")).ExitCode);
        Assert.Equal(2, CliResult.Run("explain", "--user", "a@b.c", RepoPaths.Examples("000-role-update")).ExitCode);
    }
}
