using Cerby.Emulators.GitHub;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>Issue 15 on a GitHub organization: the hub reads the joiner's membership and the invitations, not the organization.</summary>
public sealed partial class IncrementalAppStateTests
{
    private const string GitHubHub = "github";

    [Fact]
    public async Task One_join_into_a_github_organization_of_1000_members_costs_at_most_3_app_calls()
    {
        await using var github = await GitHubEmulator.StartAsync("acme");
        var (group, _) = OktaTeam("Big", AppSize);
        for (var i = 0; i < AppSize; i++)
        {
            github.Org.SeedMember($"u{i:D4}", "member");
        }

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + GitHubHubManifest(github)
            + OperatorSandbox.Binding(Ns, "team", groupName) + OperatorSandbox.Share(Ns, "team", "Engineer", team: "team", hub: GitHubHub));
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.Members == AppSize, "the 1000 seeded members in sync", GitHubHub, TimeSpan.FromSeconds(60));

        var before = github.Calls.Total;
        Sandbox.Org.AddToGroup(group, Sandbox.Org.CreateUser("joiner@acme.test"));
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.PendingInvites == 1, "the joiner invited and verified", GitHubHub, TimeSpan.FromSeconds(60));
        var calls = github.Calls.Total - before;

        Assert.InRange(calls, 1, 3);
        Assert.Equal(1, github.Calls.Writes);
        Assert.Equal(("member", true), (github.Org.Member("joiner")?.Role, github.Org.Member("joiner")?.Pending));
    }

    /// <summary>A GitHub hub on the emulator's organization with a long resync interval (so only the change makes app calls), no teams.</summary>
    private static string GitHubHubManifest(GitHubEmulator github) => $$"""
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
          name: {{GitHubHub}}
          namespace: {{Ns}}
        spec:
          connector:
            type: github
            baseUrl: "{{github.BaseUrl.ToString().TrimEnd('/')}}"
            inviteRequired: true
            credentialsSecretRef: { name: github-token }
            github: { organization: acme, emailDomain: acme.test }
          roles:
            - { name: Owner, nativeRole: admin }
            - { name: Engineer, nativeRole: member }
          policy: { resyncInterval: 10m }

        """;
}
