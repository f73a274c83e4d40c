using System.Text.RegularExpressions;

namespace Cerby.Operator.Tests.Cli;

/// <summary>
/// Invalid input fails with exit code 1 and one <c>file:line: field: message</c> line per error on stderr, never
/// a stack trace, and nothing is planned. Each case adds one broken file to a copy of examples/001-provision.
/// </summary>
public sealed class PlanInvalidInputTests : IDisposable
{
    private const string Share = """
        apiVersion: access.cerby.io/v1alpha1
        kind: TeamShare
        metadata:
          name: broken
          namespace: seed-001
        spec:
          hubRef:
            name: meta-marketing
          subject:
            team: marketing-admins
          role: Admin
        """;

    private const string Hub = """
        apiVersion: access.cerby.io/v1alpha1
        kind: BusinessHub
        metadata:
          name: broken
          namespace: seed-001
        spec:
          connector:
            type: scim
            baseUrl: https://app.example.com/scim/v2
            credentialsSecretRef:
              name: app-token
          roles:
            - name: Member
              nativeRole: member
          policy:
            drift: report
            removalGuard:
              maxRemovals: 10
        """;

    private readonly TempManifests _folder = new TempManifests().WithExample("001-provision");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Unknown_role_names_the_file_line_and_field()
    {
        var error = SingleError(Share.Replace("role: Admin", "role: Owner"), "role: Owner");

        Assert.EndsWith("spec.role: role \"Owner\" is not one of hub meta-marketing's roles (Admin, Editor, Viewer)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_team_and_user_is_an_error_on_the_subject()
    {
        var error = SingleError(Share.Replace("    team: marketing-admins", "    team: marketing-admins\n    user: alice.admin@acme.example"), "subject:");

        Assert.EndsWith("spec.subject: exactly one of team or user must be set", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_hub_is_an_error_on_the_reference()
    {
        var error = SingleError(Share.Replace("name: meta-marketing", "name: meta-ads"), "name: meta-ads");

        Assert.EndsWith("spec.hubRef.name: BusinessHub \"meta-ads\" does not exist in namespace seed-001", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_is_reported_at_the_field()
    {
        var error = SingleError(Hub.Replace("maxRemovals: 10", "maxRemovals: \"ten\""), "maxRemovals:");

        Assert.Contains("spec.policy.removalGuard.maxRemovals: ", error, StringComparison.Ordinal);
        Assert.Contains("integer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_enum_value_lists_the_allowed_ones()
    {
        var error = SingleError(Hub.Replace("drift: report", "drift: warn"), "drift: warn");

        Assert.Contains("spec.policy.drift: ", error, StringComparison.Ordinal);
        Assert.Contains("\"warn\"", error, StringComparison.Ordinal);
        Assert.Contains("\"report\", \"enforce\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_is_an_error_like_kubectl_strict_validation()
    {
        var error = SingleError(Share.Replace("role: Admin", "rol: Admin"), "rol: Admin", allowMore: true);

        Assert.Contains("spec.rol: unknown field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_metadata_field_is_an_error_too()
    {
        var error = SingleError(Share.Replace("  namespace: seed-001", "  namespace: seed-001\n  labelz: {team: marketing}"), "labelz:");

        Assert.Contains("metadata.labelz: unknown field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_yaml_syntax_names_the_file_and_line()
    {
        var error = SingleError(Share.Replace("role: Admin", "role: [Admin"), null);

        Assert.Matches($@"^{Regex.Escape(_folder.Display("broken.yaml"))}:\d+: YAML syntax: ", error);
    }

    [Fact]
    public void Unknown_kind_lists_the_kinds_of_the_api_version()
    {
        var error = SingleError(Share.Replace("kind: TeamShare", "kind: TeamSharing"), "kind: TeamSharing");

        Assert.EndsWith("kind: unknown kind \"TeamSharing\" for access.cerby.io/v1alpha1; expected one of BusinessHub, TeamShare, IdpGroupBinding, IdentityProvider, AccessReview", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_number_where_a_string_belongs_is_an_error()
    {
        var error = SingleError(Share.Replace("role: Admin", "role: Admin\n  assets:\n    - kind: page\n      id: 104729384756201"), "id: 104729384756201");

        Assert.Contains("spec.assets[0].id: ", error, StringComparison.Ordinal);
        Assert.Contains("must be of type string", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_enum_and_type_errors_name_the_field()
    {
        const string Snapshot = """
            apiVersion: snapshot.cerby.io/v1alpha1
            kind: AppSnapshot
            metadata:
              namespace: seed-001
            hubRef:
              name: meta-marketing
            members:
              - email: zoe@acme.example
                state: pending
                managed: "yes"
            """;
        _folder.With("broken.yaml", Snapshot).With("meta-snapshot.yaml", "");

        var result = CliResult.Plan(_folder.Path);

        AssertFailedCleanly(result);
        Assert.Equal(
            [
                $"{_folder.Display("broken.yaml")}:{LineOf(Snapshot, "state: pending")}: members[0].state: unknown value \"pending\"; expected one of active, invited, suspended",
                $"{_folder.Display("broken.yaml")}:{LineOf(Snapshot, "managed:")}: members[0].managed: expected true or false, got the string \"yes\"",
                "plan: 2 errors; nothing was planned",
            ],
            result.ErrorLines);
    }

    [Fact]
    public void Snapshot_member_id_that_is_not_a_listed_user_is_an_error()
    {
        var snapshot = File.ReadAllText(Path.Combine(_folder.Path, "okta-snapshot.yaml"))
            .Replace("members: [00u1a2l3i4c5e6a7d8m9]", "members: [00u1a2l3i4c5e6a7d8m9, 00u9t9y9p9o9x9x9x9x9]");
        File.WriteAllText(Path.Combine(_folder.Path, "okta-snapshot.yaml"), snapshot);

        var result = CliResult.Plan(_folder.Path);

        AssertFailedCleanly(result);
        Assert.Contains(
            $"{_folder.Display("okta-snapshot.yaml")}:{LineOf(snapshot, "00u9t9y9p9o9x9x9x9x9")}: groups[0].members[1]: user 00u9t9y9p9o9x9x9x9x9 is not in users",
            result.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_of_a_hub_that_does_not_exist_is_an_error()
    {
        var error = SingleError("apiVersion: snapshot.cerby.io/v1alpha1\nkind: AppSnapshot\nmetadata: {namespace: seed-001}\nhubRef:\n  name: meta-ads\n", "name: meta-ads");

        Assert.EndsWith("hubRef.name: BusinessHub \"meta-ads\" does not exist in namespace seed-001", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_declared_twice_points_at_the_second_and_names_the_first()
    {
        var duplicate = Share.Replace("name: broken", "name: marketing-admins");
        _folder.With("z-again.yaml", duplicate);

        var result = CliResult.Plan(_folder.Path);

        AssertFailedCleanly(result);
        Assert.Equal(
            $"{_folder.Display("z-again.yaml")}:{LineOf(duplicate, "name: marketing-admins")}: metadata.name: TeamShare seed-001/marketing-admins declared more than once (first at {_folder.Display("shares.yaml")}:6)",
            result.ErrorLines[0]);
    }

    [Theory]
    [InlineData("identity-provider.yaml")]
    [InlineData("business-hub.yaml")]
    [InlineData("okta-snapshot.yaml")]
    [InlineData("meta-snapshot.yaml")]
    public void A_document_given_twice_is_an_error_not_a_crash(string file)
    {
        File.Copy(Path.Combine(_folder.Path, file), Path.Combine(_folder.Path, "z-" + file));

        var result = CliResult.Plan(_folder.Path);

        AssertFailedCleanly(result);
        Assert.StartsWith(_folder.Display("z-" + file) + ":", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_every_file_is_reported_in_file_and_line_order()
    {
        _folder.With("a-broken.yaml", Hub.Replace("drift: report", "drift: warn"))
            .With("z-broken.yaml", Share.Replace("role: Admin", "rol: Admin") + "\n---\n" + Share.Replace("name: broken", "name: broken-too").Replace("kind: TeamShare", "kind: Nope"));

        var result = CliResult.Plan(_folder.Path);

        AssertFailedCleanly(result);
        var files = result.ErrorLines.SkipLast(1).Select(line => line[..line.IndexOf(".yaml:", StringComparison.Ordinal)]).ToList();
        Assert.Equal(4, files.Count); // drift; spec.role missing and spec.rol unknown; unknown kind
        Assert.Equal(files.Order(StringComparer.Ordinal), files);
        Assert.Equal("plan: 4 errors; nothing was planned", result.ErrorLines[^1]);
    }

    /// <summary>Writes broken.yaml, plans, and returns its only error line after checking file and line.</summary>
    /// <param name="marker">Text on the line the error must point at; null to skip the line check.</param>
    private string SingleError(string content, string? marker, bool allowMore = false)
    {
        _folder.With("broken.yaml", content);

        var result = CliResult.Plan(_folder.Path);

        AssertFailedCleanly(result);
        var errors = result.ErrorLines.SkipLast(1).ToList();
        var error = allowMore ? errors.First(e => marker is null || e.Contains($":{LineOf(content, marker)}:", StringComparison.Ordinal)) : Assert.Single(errors);
        var prefix = marker is null ? $"{_folder.Display("broken.yaml")}:" : $"{_folder.Display("broken.yaml")}:{LineOf(content, marker)}: ";
        Assert.StartsWith(prefix, error, StringComparison.Ordinal);
        return error;
    }

    private static void AssertFailedCleanly(CliResult result)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at ", result.Stderr);
        Assert.EndsWith("nothing was planned", result.ErrorLines[^1], StringComparison.Ordinal);
    }

    private static int LineOf(string content, string marker) =>
        content.ReplaceLineEndings("\n").Split('\n').Select((line, i) => (line, i)).First(x => x.line.Contains(marker, StringComparison.Ordinal)).i + 1;
}
