using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cerby.Operator.Tests.Cli;

/// <summary>The two output formats, exit codes, warnings about missing snapshots and --now.</summary>
public sealed class PlanOutputTests : IDisposable
{
    private readonly TempManifests _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Json_output_has_the_same_content_as_the_table()
    {
        var table = CliResult.Plan(RepoPaths.Examples()).Stdout;
        var json = CliResult.PlanJson(RepoPaths.Examples());

        foreach (var hub in json["hubs"]!.AsArray())
        {
            var name = hub!["hub"]!.GetValue<string>();
            var changes = hub["changes"]!.AsArray();
            Assert.Contains($"BusinessHub {name} ({hub["connector"]}): {changes.Count} change", table, StringComparison.Ordinal);
            Assert.Contains($"(plan {hub["planHash"]})", table, StringComparison.Ordinal);
            foreach (var change in changes.Select(c => PlannedChange.Of(name, c!)))
            {
                Assert.Matches($@"(?m)^  {change.Action}\s+{Regex.Escape(change.User)}\s.*\s{Regex.Escape(change.Reason)}$", table);
            }
        }

        var summary = json["summary"]!;
        Assert.Contains(
            $"Plan: {summary["hubs"]} hubs, {summary["changes"]} changes, {summary["heldRemovals"]} held removals, {summary["withheld"]} withheld, {summary["drift"]} drift.",
            table,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_is_stable_and_camel_case_with_enums_as_strings()
    {
        var first = CliResult.Plan(RepoPaths.Examples(), "-o", "json").Stdout;
        var second = CliResult.Plan(RepoPaths.Examples(), "-o", "json").Stdout;

        Assert.Equal(first, second);
        var change = JsonNode.Parse(first)!["hubs"]![0]!["changes"]![0]!;
        Assert.Equal("RaiseRole", change["action"]!.GetValue<string>());
        Assert.Equal("ADMIN", change["nativeRole"]!.GetValue<string>());
    }

    [Fact]
    public void Exit_code_option_returns_3_when_there_are_changes()
    {
        Assert.Equal(3, CliResult.Plan(RepoPaths.Examples(), "--exit-code").ExitCode);
        Assert.Equal(0, CliResult.Plan(RepoPaths.Examples()).ExitCode);
    }

    [Fact]
    public void Exit_code_option_returns_0_when_nothing_changes()
    {
        _folder.With("hub.yaml", Manifests.ScimHub).With("app.yaml", Manifests.EmptyAppSnapshot);

        var result = CliResult.Plan(_folder.Path, "--exit-code");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("No changes.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hub_without_app_snapshot_is_planned_as_empty_with_a_warning()
    {
        _folder.With("hub.yaml", Manifests.ScimHub);

        var result = CliResult.Plan(_folder.Path, "-o", "json");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(JsonNode.Parse(result.Stdout)!["hubs"]![0]!["warnings"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("no AppSnapshot of BusinessHub default/app was given: the app is treated as having no members", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_of_other_api_groups_in_a_gitops_folder_are_left_out()
    {
        _folder.WithExample("001-provision")
            .With("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: { name: okta-api, namespace: seed-001 }\nstringData: { apiToken: not-a-real-token }\n");

        var withOthers = CliResult.Plan(_folder.Path);
        var without = CliResult.Plan(RepoPaths.Examples("001-provision"));

        Assert.True(withOthers.ExitCode == 0, withOthers.Stderr);
        Assert.Equal(without.Stdout, withOthers.Stdout);
    }

    [Fact]
    public void Without_an_identity_snapshot_nobody_loses_access_and_a_warning_says_why()
    {
        _folder.WithExample("004-deprovision");
        File.Delete(Path.Combine(_folder.Path, "okta-snapshot.yaml"));

        var result = CliResult.Plan(_folder.Path, "-o", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var plan = JsonNode.Parse(result.Stdout)!;
        Assert.StartsWith("no IdentitySnapshot of IdentityProvider seed-004/okta", plan["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(PlannedChange.All(plan), c => c.Action is "Remove" or "LowerRole" or "RevokeAsset");
        var withheld = plan["hubs"]![0]!["withheld"]!["changes"]!.AsArray().Select(c => c!["user"]!.GetValue<string>()).ToList();
        Assert.Contains("frank.removed@acme.example", withheld);
    }

    [Fact]
    public void Now_option_decides_whether_membership_is_stale()
    {
        _folder.WithExample("004-deprovision");
        var snapshot = Path.Combine(_folder.Path, "okta-snapshot.yaml");
        File.WriteAllText(snapshot, File.ReadAllText(snapshot).Replace("    name: Marketing Editors\n", "    name: Marketing Editors\n    knownAt: 2026-05-01T08:00:00Z\n"));

        var fresh = CliResult.Plan(_folder.Path, "--now", "2026-05-01T08:30:00Z");
        var stale = CliResult.Plan(_folder.Path, "--now", "2026-05-01T10:00:00+00:00");

        Assert.DoesNotContain("note:", fresh.Stdout, StringComparison.Ordinal);
        Assert.Contains("note: membership of team marketing-editors is stale", stale.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_team_is_noted_once_per_hub_in_both_formats()
    {
        _folder.WithExample("004-deprovision");
        var snapshot = Path.Combine(_folder.Path, "okta-snapshot.yaml");
        File.WriteAllText(snapshot, File.ReadAllText(snapshot).Replace("    name: Marketing Editors\n", "    name: Marketing Editors\n    knownAt: 2026-05-01T08:00:00Z\n"));

        var table = CliResult.Plan(_folder.Path, "--now", "2026-05-01T10:00:00Z").Stdout;
        var json = JsonNode.Parse(CliResult.Plan(_folder.Path, "--now", "2026-05-01T10:00:00Z", "-o", "json").Stdout)!;

        Assert.Single(table.Split('\n'), l => l.Contains("note: membership of team marketing-editors is stale", StringComparison.Ordinal));
        Assert.Single(json["hubs"]![0]!["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("marketing-editors is stale", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--now", "yesterday")]
    [InlineData("-o", "yaml")]
    [InlineData("--verbose")]
    public void Bad_options_are_usage_errors(params string[] options)
    {
        var result = CliResult.Plan([RepoPaths.Examples(), .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("plan: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: cerby-operator plan <folder>", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_an_input_error()
    {
        var result = CliResult.Plan(Path.Combine(_folder.Path, "nowhere"));

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("nowhere: no such file or folder", result.Stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Approved_removals_hash_on_the_hub_releases_held_removals()
    {
        _folder.WithExample("004-deprovision");
        var hub = Path.Combine(_folder.Path, "business-hub.yaml");
        File.WriteAllText(hub, File.ReadAllText(hub).Replace("maxRemovalsPercent: 50", "maxRemovalsPercent: 25"));
        var held = CliResult.PlanJson(_folder.Path)["hubs"]![0]!["heldRemovals"]!;
        var hash = held["hash"]!.GetValue<string>();
        Assert.Equal(3, held["changes"]!.AsArray().Count);

        File.WriteAllText(hub, File.ReadAllText(hub).Replace("  namespace: seed-004\n", $"  namespace: seed-004\n  annotations:\n    access.cerby.io/approve-removals: \"{hash}\"\n"));
        var approved = CliResult.PlanJson(_folder.Path)["hubs"]![0]!;

        Assert.Null(approved["heldRemovals"]);
        Assert.Equal(3, approved["changes"]!.AsArray().Count(c => c!["action"]!.GetValue<string>() == "Remove"));
    }

    [Fact]
    public void Exit_code_option_returns_4_when_removals_are_held()
    {
        _folder.WithExample("004-deprovision");
        var hub = Path.Combine(_folder.Path, "business-hub.yaml");
        File.WriteAllText(hub, File.ReadAllText(hub).Replace("maxRemovalsPercent: 50", "maxRemovalsPercent: 25"));

        Assert.Equal(4, CliResult.Plan(_folder.Path, "--exit-code").ExitCode);
        Assert.Equal(0, CliResult.Plan(_folder.Path).ExitCode);
    }

    [Fact]
    public void Held_removals_are_printed_with_the_hash_to_approve()
    {
        _folder.WithExample("004-deprovision");
        var hub = Path.Combine(_folder.Path, "business-hub.yaml");
        File.WriteAllText(hub, File.ReadAllText(hub).Replace("maxRemovalsPercent: 50", "maxRemovalsPercent: 25"));

        var table = CliResult.Plan(_folder.Path).Stdout;

        Assert.Matches(@"(?m)^  Held removals \(3\), hash [0-9a-f]{16}: 3 removals exceed the removal guard", table);
        Assert.Matches(@"(?m)^  Remove\s+frank\.removed@acme\.example\s", table);
    }

    [Fact]
    public void The_complete_snapshot_example_of_the_readme_plans()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Examples(), "README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("### A complete example", StringComparison.Ordinal)..];
        var yaml = Regex.Match(section, "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        _folder.With("snapshots.yaml", yaml).With("resources.yaml", Manifests.ReadmeExampleResources);

        var result = CliResult.Plan(_folder.Path, "-o", "json", "--now", "2026-05-01T09:00:00Z");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var hub = JsonNode.Parse(result.Stdout)!["hubs"]![0]!;
        Assert.Empty(hub["warnings"]!.AsArray());
        Assert.Contains(hub["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("membership of team marketing-admins is unknown", StringComparison.Ordinal));
        // new.hire is in no IdP, so no group of it (known or not) can hold them: scoped uncertainty lets the invite go.
        Assert.Contains(hub["changes"]!.AsArray(), c => c!["user"]!.GetValue<string>() == "new.hire@acme.example" && c["action"]!.ToString() is "CancelInvite" or "cancelInvite");
    }

    /// <summary>Small manifests the cases share.</summary>
    private static class Manifests
    {
        public const string ScimHub = """
            apiVersion: access.cerby.io/v1alpha1
            kind: BusinessHub
            metadata:
              name: app
            spec:
              connector:
                type: scim
                baseUrl: https://app.example.com/scim/v2
                credentialsSecretRef:
                  name: app-token
              roles:
                - name: Member
                  nativeRole: member
            """;

        public const string EmptyAppSnapshot = """
            apiVersion: snapshot.cerby.io/v1alpha1
            kind: AppSnapshot
            hubRef:
              name: app
            members: []
            """;

        public const string ReadmeExampleResources = """
            apiVersion: access.cerby.io/v1alpha1
            kind: IdentityProvider
            metadata: {name: okta, namespace: marketing}
            spec:
              type: okta
              okta: {orgUrl: https://acme.okta.com}
              credentialsSecretRef: {name: okta-api-token}
              appIntegration:
                appId: 0oa9b8r7a6n5d4k3i2t1
                hubRef: {name: meta-marketing}
                role: Editor
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: BusinessHub
            metadata: {name: meta-marketing, namespace: marketing}
            spec:
              connector:
                type: meta
                baseUrl: https://graph.facebook.com/v21.0
                businessId: "1459875314621987"
                credentialsSecretRef: {name: meta-system-user}
              roles:
                - {name: Admin, nativeRole: ADMIN, assetTasks: [MANAGE, ADVERTISE, ANALYZE]}
                - {name: Editor, nativeRole: EMPLOYEE, assetTasks: [ADVERTISE, ANALYZE]}
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: IdpGroupBinding
            metadata: {name: marketing-admins, namespace: marketing}
            spec:
              identityProviderRef: {name: okta}
              group: {id: 00g5m2k8a1n3d7r9e4s6}
              team: marketing-admins
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: TeamShare
            metadata: {name: marketing-admins, namespace: marketing}
            spec:
              hubRef: {name: meta-marketing}
              subject: {team: marketing-admins}
              role: Admin
            """;
    }
}
