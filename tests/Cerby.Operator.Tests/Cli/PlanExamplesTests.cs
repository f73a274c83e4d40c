namespace Cerby.Operator.Tests.Cli;

/// <summary>The plans of examples/ show what the seed articles say happens.</summary>
public sealed class PlanExamplesTests
{
    [Theory]
    [InlineData("000-role-update")]
    [InlineData("001-provision")]
    [InlineData("002-invite-drift")]
    [InlineData("003-idlcm")]
    [InlineData("004-deprovision")]
    [InlineData("tiktok")]
    [InlineData("linkedin")]
    [InlineData("github")]
    [InlineData("google-ads")]
    [InlineData("governance")]
    public void Each_example_plans_on_its_own_without_warnings(string example)
    {
        var result = CliResult.Plan(RepoPaths.Examples(example));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stderr);
        Assert.DoesNotContain("warning:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Plan: 1 hub,", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_examples_folder_plans_every_hub_in_its_own_namespace()
    {
        var plan = CliResult.PlanJson(RepoPaths.Examples());

        var hubs = plan["hubs"]!.AsArray().Select(h => h!["hub"]!.GetValue<string>()).ToList();
        Assert.Equal(["seed-000/meta-marketing", "seed-001/meta-marketing", "seed-002/meta-social", "seed-003/brandkit", "seed-004/meta-marketing", "seed-016-google-ads/google-ads", "seed-github/github-acme", "seed-linkedin/linkedin-ads"], hubs.Where(h => h.StartsWith("seed-", StringComparison.Ordinal)));
        Assert.Contains("tiktok-ads/tiktok-ads", hubs);
    }

    [Fact]
    public void Provision_adds_the_new_group_member_with_the_team_role_and_its_assets()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("001-provision")));

        var dana = changes.Where(c => c.User == "dana.newhire@acme.example").ToList();
        Assert.Contains(dana, c => c is { Action: "Add", From: null, To: "Editor" } && c.Reason.Contains("team marketing-editors", StringComparison.Ordinal));
        Assert.Contains(dana, c => c is { Action: "GrantAsset", Asset: "page/104729384756201", To: "ADVERTISE+ANALYZE" });
        Assert.Contains(dana, c => c is { Action: "GrantAsset", Asset: "adAccount/act_2874619305721846", To: "ADVERTISE+ANALYZE" });
        Assert.Equal(3, changes.Count);
    }

    [Fact]
    public void Governance_leaves_the_contractor_out_and_removes_what_only_the_expired_share_granted()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("governance")));

        Assert.Contains(changes, c => c is { Action: "Add", User: "carol.sales@acme.example", To: "Viewer" });
        Assert.Contains(changes, c => c is { Action: "Remove", User: "bob.contractor@acme.example" }); // scope: employeeType contractor
        Assert.Contains(changes, c => c is { Action: "Remove", User: "dave.launch@acme.example" }); // his only share expired
        Assert.Equal(3, changes.Count); // alice in scope, erin's 30 days have no creation time on files
    }

    [Fact]
    public void Google_Ads_invites_new_and_expired_raises_the_moved_member_and_removes_the_leaver()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("google-ads")));

        Assert.Contains(changes, c => c is { Action: "Invite", User: "rita.new@acme.example", To: "Editor" });
        Assert.Contains(changes, c => c is { Action: "Invite", User: "tina.expired@acme.example", From: "invited (expired)" });
        Assert.Contains(changes, c => c is { Action: "RaiseRole", User: "leo.promoted@acme.example", From: "Editor", To: "Admin" });
        Assert.Contains(changes, c => c is { Action: "Remove", User: "victor.left@acme.example" });
        Assert.DoesNotContain(changes, c => c.User == "sam.pending@acme.example");
    }

    [Fact]
    public void Provision_gives_a_staged_group_member_nothing()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("001-provision")));

        Assert.DoesNotContain(changes, c => c.User == "evan.staged@acme.example");
    }

    [Fact]
    public void Deprovision_removes_the_user_left_without_shares()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("004-deprovision")));

        Assert.Contains(changes, c => c is { Action: "Remove", User: "frank.removed@acme.example", From: "Admin", To: null });
    }

    [Fact]
    public void Deprovision_keeps_the_user_who_holds_the_same_role_through_another_team_unchanged()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("004-deprovision")));

        Assert.DoesNotContain(changes, c => c.User == "grace.keeps@acme.example");
    }

    [Fact]
    public void Deprovision_lowers_the_role_of_the_user_still_in_a_lower_team_and_adjusts_assets()
    {
        var henry = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("004-deprovision")))
            .Where(c => c.User == "henry.changes@acme.example").ToList();

        Assert.Contains(henry, c => c is { Action: "LowerRole", From: "Admin", To: "Editor" });
        Assert.Contains(henry, c => c.Asset == "page/104729384756201" && c.To == "ADVERTISE+ANALYZE");
        Assert.Contains(henry, c => c is { Action: "GrantAsset", Asset: "adAccount/act_2874619305721846" });
        Assert.DoesNotContain(henry, c => c.Action == "Remove");
    }

    [Theory]
    [InlineData("ivan.deactivated@acme.example", "deactivated")]
    [InlineData("judy.deleted@acme.example", "deleted")]
    public void Deprovision_removes_deactivated_and_deleted_users_and_says_why(string user, string lifecycle)
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("004-deprovision")));

        var removal = Assert.Single(changes, c => c.User == user);
        Assert.Equal("Remove", removal.Action);
        Assert.Contains($"is {lifecycle} in the IdP", removal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deprovision_table_shows_the_removal_row_with_its_reason_in_full()
    {
        var result = CliResult.Plan(RepoPaths.Examples("004-deprovision"));

        var row = Assert.Single(result.Stdout.Split('\n'), line => line.Contains("ivan.deactivated@acme.example", StringComparison.Ordinal));
        Assert.Matches(@"^\s+Remove\s+ivan\.deactivated@acme\.example\s+Editor\s+-\s+ivan\.deactivated@acme\.example is deactivated in the IdP, so no share applies$", row);
        Assert.DoesNotContain("grace.keeps@acme.example", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_update_by_group_move_raises_the_role_and_gives_the_new_tasks()
    {
        var kate = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("000-role-update")))
            .Where(c => c.User == "kate.moved@acme.example").ToList();

        Assert.Contains(kate, c => c is { Action: "RaiseRole", From: "Editor", To: "Admin" });
        Assert.Contains(kate, c => c is { Action: "GrantAsset", Asset: "page/104729384756201", To: "ADVERTISE+ANALYZE+MANAGE" });
        Assert.DoesNotContain(kate, c => c.Action is "Remove" or "LowerRole");
    }

    [Fact]
    public void Role_update_by_individual_share_then_group_removal_lowers_the_role_to_the_share_role()
    {
        var leo = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("000-role-update")))
            .Where(c => c.User == "leo.individual@acme.example").ToList();

        var lower = Assert.Single(leo, c => c.Action == "LowerRole");
        Assert.Equal(("Admin", "Viewer"), (lower.From, lower.To));
        Assert.Contains("individual share (TeamShare seed-000/leo-viewer)", lower.Reason, StringComparison.Ordinal);
        Assert.Contains(leo, c => c is { Action: "RevokeAsset", Asset: "adAccount/act_2874619305721846", To: null });
        Assert.DoesNotContain(leo, c => c.Action == "Remove");
    }

    [Fact]
    public void Idlcm_applies_direct_and_group_assignments_role_changes_attributes_and_unassignments()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("003-idlcm")));

        Assert.Contains(changes, c => c is { Action: "Add", User: "nina.direct@acme.example", To: "Admin" });
        Assert.Contains(changes, c => c is { Action: "Add", User: "paula.group@acme.example", To: "Editor" } && c.Reason.Contains("via group Design Team", StringComparison.Ordinal));
        Assert.Contains(changes, c => c is { Action: "LowerRole", User: "rob.reassigned@acme.example", From: "Editor", To: "Viewer" });
        Assert.Contains(changes, c => c is { Action: "Remove", User: "quinn.unassigned@acme.example" });
        var update = Assert.Single(changes, c => c.Action == "UpdateAttributes");
        Assert.Equal("oscar.attribute@acme.example", update.User);
        Assert.EndsWith("costCenter=CC-220", update.To, StringComparison.Ordinal);
    }

    [Fact]
    public void Idlcm_add_carries_the_mapped_attributes()
    {
        var plan = CliResult.PlanJson(RepoPaths.Examples("003-idlcm"));

        var nina = plan["hubs"]![0]!["changes"]!.AsArray().Single(c => c!["user"]!.GetValue<string>() == "nina.direct@acme.example")!;
        Assert.Equal("Brand Lead", nina["attributes"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void Invite_flow_invites_new_members_resends_expired_invites_and_leaves_pending_ones_alone()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("002-invite-drift")));

        Assert.Contains(changes, c => c is { Action: "Invite", User: "rita.new@acme.example", From: null, To: "Editor" });
        var resent = Assert.Single(changes, c => c.User == "tina.expired@acme.example");
        Assert.Equal(("Invite", "invited (expired)"), (resent.Action, resent.From));
        Assert.DoesNotContain(changes, c => c.User is "sam.pending@acme.example" or "wendy.member@acme.example" or "xavier.byhand@acme.example");
        Assert.DoesNotContain(changes, c => c.Action == "GrantAsset");
    }

    [Fact]
    public void Invite_flow_removes_the_member_who_left_the_group_from_the_app_itself()
    {
        var changes = PlannedChange.All(CliResult.PlanJson(RepoPaths.Examples("002-invite-drift")));

        Assert.Contains(changes, c => c is { Action: "Remove", User: "victor.removed@acme.example" });
    }

    [Fact]
    public void Invite_flow_reports_the_member_added_by_hand_as_drift_without_changing_it()
    {
        var plan = CliResult.PlanJson(RepoPaths.Examples("002-invite-drift"));

        var (status, change) = Assert.Single(PlannedChange.Drift(plan));
        Assert.Equal(("reported", "Remove", "uma.byhand@acme.example"), (status, change.Action, change.User));
        Assert.DoesNotContain(PlannedChange.All(plan), c => c.User == "uma.byhand@acme.example");
    }
}
