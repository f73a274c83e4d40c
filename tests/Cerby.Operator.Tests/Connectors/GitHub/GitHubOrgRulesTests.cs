using Cerby.Emulators.GitHub;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.GitHub;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>GitHub's own rules: logins without emails, teams as assets, invitations by email, outside collaborators.</summary>
public sealed class GitHubOrgRulesTests(GitHubConnectorFixture peer) : IClassFixture<GitHubConnectorFixture>, IAsyncLifetime
{
    private readonly InstantTimeProvider time = new();

    private GitHubOrg Org => peer.Emulator.Org;

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Outside_collaborators_are_not_members_and_a_removal_never_touches_them()
    {
        Org.SeedOutsideCollaborator("contractor");
        var connector = peer.CreateConnector(time);

        var access = await connector.ReadAsync(CancellationToken.None);
        var result = await connector.ApplyAsync(GitHubChanges.Remove("contractor@example.com", null), CancellationToken.None);

        Assert.Empty(access.Members);
        Assert.Equal(ApplyOutcome.AlreadyInPlace, result.Outcome);
        Assert.Equal(["contractor"], Org.OutsideCollaborators());
    }

    [Fact]
    public async Task A_login_off_the_rule_reads_under_a_noreply_key_and_an_email_off_the_domain_is_refused_clearly()
    {
        Org.SeedMember("Octo-Cat99-contractor", "member");
        var connector = peer.CreateGitHubConnector(time, adjust: o => o with { Logins = new GitHubLogins("example.com", "-acme") });

        var access = await connector.ReadAsync(CancellationToken.None);
        var callsBefore = peer.Emulator.Calls.Total;
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.ApplyAsync(GitHubChanges.Role(AccessChangeKind.Add, "eve@elsewhere.org", "member"), CancellationToken.None));

        Assert.Equal("octo-cat99-contractor@users.noreply.github.com", Assert.Single(access.Members.Keys));
        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Contains("eve@elsewhere.org has no GitHub login", error.Message, StringComparison.Ordinal);
        Assert.Equal(callsBefore, peer.Emulator.Calls.Total);
    }

    [Fact]
    public async Task A_login_suffix_maps_both_ways()
    {
        var connector = peer.CreateGitHubConnector(time, adjust: o => o with { Logins = new GitHubLogins("example.com", "-acme") });

        await connector.ApplyAsync(GitHubChanges.Role(AccessChangeKind.Invite, "jdoe@example.com", "member"), CancellationToken.None);
        Org.Accept("jdoe-acme");
        var member = (await connector.ReadAsync(CancellationToken.None)).Members["jdoe@example.com"];

        Assert.Equal(("jdoe-acme", "member", MemberState.Active), (member.AppUserId, member.NativeRole, member.State));
    }

    [Fact]
    public async Task Teams_are_assets_granted_raised_to_maintainer_and_revoked_each_with_one_write()
    {
        Org.SeedMember("ada", "member");
        var connector = peer.CreateConnector(time);
        var slug = GitHubConnectorFixture.TeamSlug;

        var grant = await connector.ApplyAsync(GitHubChanges.Team(AccessChangeKind.GrantAsset, "ada@example.com", "ada", slug, "member"), CancellationToken.None);
        var again = await connector.ApplyAsync(GitHubChanges.Team(AccessChangeKind.GrantAsset, "ada@example.com", "ada", slug, "member"), CancellationToken.None);
        var held = (await connector.ReadAsync(CancellationToken.None)).Members["ada@example.com"].Assets;
        var raise = await connector.ApplyAsync(GitHubChanges.Team(AccessChangeKind.GrantAsset, "ada@example.com", "ada", slug, "maintainer"), CancellationToken.None);
        var raised = Org.TeamRole(slug, "ada");
        var writesBefore = peer.Emulator.Calls.Writes;
        var revoke = await connector.ApplyAsync(GitHubChanges.Team(AccessChangeKind.RevokeAsset, "ada@example.com", "ada", slug), CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.AlreadyInPlace, ApplyOutcome.Applied, ApplyOutcome.Applied), (grant.Outcome, again.Outcome, raise.Outcome, revoke.Outcome));
        var asset = Assert.Single(held);
        Assert.Equal((AssetKind.Team, slug, "member"), (asset.Kind, asset.Id, Assert.Single(asset.Tasks)));
        Assert.Equal("maintainer", raised);
        Assert.Equal(1, peer.Emulator.Calls.Writes - writesBefore);
        Assert.Null(Org.TeamRole(slug, "ada"));
        Assert.NotNull(Org.Member("ada")); // leaving a team is not leaving the org
    }

    [Fact]
    public async Task An_invitation_sent_to_an_email_reads_under_that_email_and_a_removal_cancels_it()
    {
        Org.InviteEmail("new.hire@example.com", "member");
        var connector = peer.CreateConnector(time);

        var invited = (await connector.ReadAsync(CancellationToken.None)).Members["new.hire@example.com"];
        var result = await connector.ApplyAsync(GitHubChanges.Remove("new.hire@example.com", invited.AppUserId), CancellationToken.None);

        Assert.Equal((MemberState.Invited, "member"), (invited.State, invited.NativeRole));
        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Empty(Org.Pending());
        Assert.Equal(1, peer.Emulator.Calls.Matching("DELETE", "/invitations/"));
    }

    [Fact]
    public async Task The_daily_invitation_cap_is_a_clear_refusal_not_a_retry()
    {
        Org.DailyInviteCap = 1;
        var connector = peer.CreateConnector(time);

        await connector.ApplyAsync(GitHubChanges.Role(AccessChangeKind.Invite, "ada@example.com", "member"), CancellationToken.None);
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.ApplyAsync(GitHubChanges.Role(AccessChangeKind.Invite, "bob@example.com", "member"), CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Rejected, 422), (error.Kind, error.StatusCode));
        Assert.Contains("Over invitation rate limit", error.Message, StringComparison.Ordinal);
        Assert.Empty(time.Waits);
    }

    [Fact]
    public async Task A_role_GitHub_does_not_have_is_refused_before_any_call()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            peer.CreateConnector(time).ApplyAsync(GitHubChanges.Role(AccessChangeKind.Add, "ada@example.com", "owner"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Equal(0, peer.Emulator.Calls.Total);
    }
}
