using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>
/// Reading a few people of an organization (a hub's verification and confirmation reads) costs a membership GET each
/// and at most one invitations list, not a read of the organization, and answers each as the full read does: active
/// with its role, pending (by login or by email), or absent. A 404 is never taken for "absent" when the organization
/// cannot be seen.
/// </summary>
public sealed class GitHubMemberReadTests(GitHubConnectorFixture fixture) : IClassFixture<GitHubConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_member_and_an_absent_person_of_a_1000_member_organization_cost_three_calls()
    {
        var connector = await SeedThousandAsync();
        var all = await connector.ReadAsync(CancellationToken.None);
        fixture.Emulator.Calls.Clear();

        var read = await connector.ReadMembersAsync(
            [Lookup(all, "u0500@example.com"), Lookup(all, "u0007@example.com"), Lookup(all, "nobody@example.com")], CancellationToken.None);

        Assert.Null(read.Whole);
        Assert.InRange(fixture.Emulator.Calls.Total, 1, 4); // three memberships, one invitations list
        Assert.Equal(0, fixture.Emulator.Calls.Exactly("GET", "/orgs/acme/members"));
        MemberReadAssert.AnswersAsFullRead(all, read, "u0500@example.com", "u0007@example.com", "nobody@example.com");
        Assert.Equal((MemberState.Active, "admin"), (read.Members["u0007@example.com"]!.State, read.Members["u0007@example.com"]!.NativeRole));
        Assert.Null(read.Members["nobody@example.com"]);
    }

    [Fact]
    public async Task Invitees_by_login_and_by_email_read_as_pending_with_their_role_in_two_calls()
    {
        var connector = await SeedThousandAsync();
        fixture.Emulator.Org.Put("new-hire", "admin");
        fixture.Emulator.Org.InviteEmail("contractor@partner.io", "member");
        var all = await connector.ReadAsync(CancellationToken.None);
        fixture.Emulator.Calls.Clear();

        var read = await connector.ReadMembersAsync([Lookup(all, "new-hire@example.com"), Lookup(all, "contractor@partner.io")], CancellationToken.None);

        Assert.Equal(2, fixture.Emulator.Calls.Total); // one membership (the email has no login), one invitations list
        MemberReadAssert.AnswersAsFullRead(all, read, "new-hire@example.com", "contractor@partner.io");
        Assert.Equal((MemberState.Invited, "admin"), (read.Members["new-hire@example.com"]!.State, read.Members["new-hire@example.com"]!.NativeRole));
        Assert.Equal(MemberState.Invited, read.Members["contractor@partner.io"]!.State);
    }

    [Fact]
    public async Task A_removed_member_reads_as_absent_and_an_organization_the_token_cannot_see_is_an_error_not_empty()
    {
        var connector = await SeedThousandAsync();
        var all = await connector.ReadAsync(CancellationToken.None);
        fixture.Emulator.Org.Remove("u0500");
        IAppConnector hidden = fixture.CreateGitHubConnector(new InstantTimeProvider(), adjust: o => o with { Organization = "not-ours", Teams = [] });

        var read = await connector.ReadMembersAsync([Lookup(all, "u0500@example.com")], CancellationToken.None);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => hidden.ReadMembersAsync([Lookup(all, "u0501@example.com")], CancellationToken.None));

        Assert.Null(read.Members["u0500@example.com"]);
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task A_hub_that_reads_teams_answers_with_a_full_read()
    {
        fixture.Emulator.Org.SeedMember("ada", "member");
        IAppConnector connector = fixture.CreateGitHubConnector(new InstantTimeProvider());

        var read = await connector.ReadMembersAsync([new MemberLookup("ada@example.com", "ada@example.com", null)], CancellationToken.None);

        Assert.NotNull(read.Whole);
        Assert.Equal(MemberState.Active, read.Members["ada@example.com"]!.State);
    }

    [Fact]
    public async Task An_invite_planned_from_a_kept_state_is_one_put_and_its_verification_two_reads()
    {
        var connector = await SeedThousandAsync();
        var invite = new AccessChange(AccessChangeKind.Invite, "joiner@example.com", "joiner@example.com", null, null, "kept state", NativeRole: "member");

        var applied = await connector.ApplyFromKnownStateAsync(invite, CancellationToken.None);
        var read = await connector.ReadMembersAsync([new MemberLookup("joiner@example.com", "joiner@example.com", null)], CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, 1), (applied.Outcome, applied.Calls));
        Assert.Equal((MemberState.Invited, "member"), (read.Members["joiner@example.com"]!.State, read.Members["joiner@example.com"]!.NativeRole));
        Assert.Equal(3, fixture.Emulator.Calls.Total);
    }

    private async Task<IAppConnector> SeedThousandAsync()
    {
        for (var i = 0; i < 1000; i++)
        {
            fixture.Emulator.Org.SeedMember($"u{i:D4}", i % 100 == 7 ? "admin" : "member");
        }

        return await Task.FromResult(fixture.CreateGitHubConnector(new InstantTimeProvider(), adjust: o => o with { Teams = [], PageSize = 100 }));
    }

    private static MemberLookup Lookup(ActualAccess all, string key) => new(key, key, all.Members.GetValueOrDefault(key));
}
