using Cerby.Emulators.GitHub;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// A GitHub organization hub through kubectl, the operator and the GitHub emulator: joining a group invites the
/// person, accepting gives the seat (status.seats counts it) and the team, moving groups changes the org and team role, a hand-made member is
/// reported as drift, an outside collaborator is never touched, leaving removes the person.
/// </summary>
public sealed class GitHubHubTests : EndToEndTest
{
    private const string Ns = "e2e-github";
    private const string Hub = "github";

    [Fact]
    public async Task A_github_member_is_invited_accepts_changes_role_by_moving_groups_and_is_removed_on_leaving()
    {
        await using var github = await GitHubEmulator.StartAsync("acme");
        github.Org.SeedTeam("platform");
        github.Org.SeedOutsideCollaborator("contractor");
        github.Org.Seats = 5;
        var org = Sandbox.Org;
        var engineers = org.CreateGroup("Engineers");
        var leads = org.CreateGroup("Leads");
        var ada = org.CreateUser("ada@acme.test");
        org.AddToGroup(engineers, ada);

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + HubManifest(github)
            + OperatorSandbox.Binding(Ns, "engineers", "Engineers") + OperatorSandbox.Binding(Ns, "leads", "Leads")
            + OperatorSandbox.Share(Ns, "engineers", "Engineer", team: "engineers", hub: Hub, assets: "[{ kind: team, id: platform }]")
            + OperatorSandbox.Share(Ns, "leads", "Owner", team: "leads", hub: Hub, assets: "[{ kind: team, id: platform }]"));

        // Joining the group sends a GitHub invitation: pending until Ada accepts.
        await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingInvites == 1 && Synced(h), "one pending invitation", Hub);
        Assert.Equal(("member", true), (github.Org.Member("ada")?.Role, github.Org.Member("ada")?.Pending == true));
        await WaitForEventAsync(Ns, "UserInvited", "ada@acme.test", "Engineer");

        // Ada accepts; "check for updates" reads the org at once and she gets her team.
        Assert.True(github.Org.Accept("ada"));
        await Sandbox.KubectlAsync("annotate", "businesshub", Hub, "-n", Ns, $"{Annotations.RequestSync}=accepted", "--overwrite");
        await Eventually.TrueAsync(() => github.Org.TeamRole("platform", "ada") == "member", "ada joins team platform as member", TimeSpan.FromSeconds(30));
        var seated = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingInvites == 0 && h.Status.MembersByRole.GetValueOrDefault("Engineer") == 1 && Synced(h), "ada holds a seat", Hub);
        Assert.Equal((5, 1), (seated.Status!.Seats?.Total, seated.Status.Seats?.Filled));

        // Moving groups raises her to owner and team maintainer (GitHub reports owners as maintainers).
        org.AddToGroup(leads, ada);
        org.RemoveFromGroup(engineers, ada);
        await Eventually.TrueAsync(() => github.Org.Member("ada")?.Role == "admin", "ada raised to admin", TimeSpan.FromSeconds(30));
        await WaitForEventAsync(Ns, "RoleChanged", "ada@acme.test", "Owner");

        // A member added by hand is reported as drift, not removed; the outside collaborator is not a member at all.
        github.Org.SeedMember("mallory", "member");
        await Sandbox.KubectlAsync("annotate", "businesshub", Hub, "-n", Ns, $"{Annotations.RequestSync}=check-1", "--overwrite");
        var hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.Drift?.Count == 1 && Is(h, "Drifted", ConditionStatus.True), "drift reported", Hub);
        Assert.Contains(hub.Status!.Drift!.Entries, e => e.Contains("mallory@acme.test", StringComparison.Ordinal));
        await WaitForEventAsync(Ns, "DriftDetected", "mallory@acme.test");
        Assert.NotNull(github.Org.Member("mallory"));

        // Leaving the last group removes her from the organization (the hub's ledger remembers the operator added her).
        org.RemoveFromGroup(leads, ada);
        await Eventually.TrueAsync(() => github.Org.Member("ada") is null, "ada removed from the organization", TimeSpan.FromSeconds(30));
        await WaitForEventAsync(Ns, "UserDeprovisioned", "ada@acme.test");
        Assert.Equal(["contractor"], github.Org.OutsideCollaborators());
        Assert.Equal(0, github.Calls.Matching("DELETE", "/outside_collaborators/"));
    }

    [Fact]
    public async Task An_invite_planned_while_every_seat_is_filled_warns_SeatsExhausted_and_the_seats_show_in_status_and_metrics()
    {
        await using var github = await GitHubEmulator.StartAsync("acme");
        github.Org.Seats = 1;
        github.Org.SeedMember("root", "admin");
        var org = Sandbox.Org;
        org.AddToGroup(org.CreateGroup("Engineers"), org.CreateUser("ada@acme.test"));

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + HubManifest(github) + OperatorSandbox.Binding(Ns, "engineers", "Engineers")
            + OperatorSandbox.Share(Ns, "engineers", "Engineer", team: "engineers", hub: Hub));

        await WaitForEventAsync(Ns, "SeatsExhausted", $"hub {Ns}/{Hub}", "1 of 1 seats filled");
        var hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.Seats is not null, "status.seats written", Hub);
        Assert.Equal(1, hub.Status!.Seats!.Total);
        await Eventually.TrueAsync(async () => (await Sandbox.MetricsAsync()).Contains($"cerby_hub_seats{{namespace=\"{Ns}\",hub=\"{Hub}\",state=\"total\"}} 1\n", StringComparison.Ordinal),
            "cerby_hub_seats total 1", TimeSpan.FromSeconds(30));
    }

    private static string HubManifest(GitHubEmulator github) => $$"""
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: github-token
          namespace: {{Ns}}
        data:
          token: {{OperatorSandbox.Base64(github.Token)}}
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: BusinessHub
        metadata:
          name: {{Hub}}
          namespace: {{Ns}}
        spec:
          connector:
            type: github
            baseUrl: "{{github.BaseUrl.ToString().TrimEnd('/')}}"
            inviteRequired: true
            credentialsSecretRef: { name: github-token }
            github: { organization: acme, emailDomain: acme.test }
          roles:
            - { name: Owner, nativeRole: admin, assetTasks: [maintainer] }
            - { name: Engineer, nativeRole: member, assetTasks: [member] }
          policy: { resyncInterval: 30s }

        """;
}
