using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>Invitations: pending until the invitee accepts, never sent twice, re-sent once expired.</summary>
public sealed class MetaInviteTests(MetaConnectorFixture fixture) : IClassFixture<MetaConnectorFixture>, IAsyncLifetime
{
    private const string Email = "new.hire@example.com";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Invite_stays_pending_until_the_invitee_accepts()
    {
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var result = await connector.ApplyAsync(MetaChanges.Invite(Email), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        var pending = (await connector.ReadAsync(CancellationToken.None)).Members[Email];
        Assert.Equal(MemberState.Invited, pending.State);
        Assert.False(pending.InviteExpired);
        Assert.Equal("EMPLOYEE", pending.NativeRole);
        Assert.Null(fixture.Emulator.Business.UserByEmail(Email));

        var userId = fixture.Emulator.Business.AcceptInvite(Email);

        var member = (await connector.ReadAsync(CancellationToken.None)).Members[Email];
        Assert.Equal(MemberState.Active, member.State);
        Assert.Equal(userId, member.AppUserId);
        Assert.False(member.Managed);
    }

    [Fact]
    public async Task A_pending_invite_is_not_sent_again()
    {
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());
        await connector.ApplyAsync(MetaChanges.Invite(Email), CancellationToken.None);
        fixture.Emulator.Calls.Clear();

        var again = await connector.ApplyAsync(MetaChanges.Invite(Email.ToUpperInvariant()), CancellationToken.None);

        Assert.Equal(ApplyOutcome.AlreadyInPlace, again.Outcome);
        Assert.Equal(0, fixture.Emulator.Calls.Writes);
        Assert.Single(fixture.Emulator.Business.Invites);
    }

    [Fact]
    public async Task An_expired_invite_is_reported_and_can_be_sent_again()
    {
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());
        await connector.ApplyAsync(MetaChanges.Invite(Email), CancellationToken.None);
        fixture.Emulator.Business.ExpireInvite(Email);

        var expired = (await connector.ReadAsync(CancellationToken.None)).Members[Email];
        Assert.Equal(MemberState.Invited, expired.State);
        Assert.True(expired.InviteExpired);

        fixture.Emulator.Calls.Clear();
        var resent = await connector.ApplyAsync(MetaChanges.Invite(Email, inviteId: expired.AppUserId), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, resent.Outcome);
        Assert.Equal(1, fixture.Emulator.Calls.Count("POST", "/business_users"));
        var renewed = (await connector.ReadAsync(CancellationToken.None)).Members[Email];
        Assert.False(renewed.InviteExpired);
        Assert.NotEqual(expired.AppUserId, renewed.AppUserId);
    }

    [Fact]
    public async Task An_invite_whose_expiration_time_passed_reads_as_expired()
    {
        fixture.Emulator.Business.SeedInvite(Email, expires: DateTimeOffset.UtcNow.AddDays(-1));
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var member = (await connector.ReadAsync(CancellationToken.None)).Members[Email];

        Assert.True(member.InviteExpired);
    }

    [Fact]
    public async Task A_role_change_of_a_pending_invite_updates_the_invitation()
    {
        var inviteId = fixture.Emulator.Business.SeedInvite(Email);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var raised = await connector.ApplyAsync(MetaChanges.SetRole(AccessChangeKind.RaiseRole, Email, inviteId, "ADMIN"), CancellationToken.None);
        var again = await connector.ApplyAsync(MetaChanges.SetRole(AccessChangeKind.RaiseRole, Email, inviteId, "ADMIN"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, raised.Outcome);
        Assert.Equal(ApplyOutcome.AlreadyInPlace, again.Outcome);
        Assert.Equal("ADMIN", Assert.Single(fixture.Emulator.Business.Invites).Role);
    }

    [Fact]
    public async Task Inviting_with_another_role_updates_the_pending_invitation()
    {
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());
        await connector.ApplyAsync(MetaChanges.Invite(Email), CancellationToken.None);

        var result = await connector.ApplyAsync(MetaChanges.Invite(Email, "ADMIN"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal("ADMIN", Assert.Single(fixture.Emulator.Business.Invites).Role);
    }

    [Fact]
    public async Task Add_of_a_new_person_invites_them_because_Meta_has_no_direct_add()
    {
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());

        var result = await connector.ApplyAsync(MetaChanges.Add(Email), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(Email, Assert.Single(fixture.Emulator.Business.Invites).Email);
    }

    [Fact]
    public async Task Cancelling_an_invite_deletes_it_and_a_second_cancel_finds_it_gone()
    {
        var inviteId = fixture.Emulator.Business.SeedInvite(Email);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());
        var cancel = MetaChanges.Change(AccessChangeKind.CancelInvite, Email, inviteId);

        var first = await connector.ApplyAsync(cancel, CancellationToken.None);
        var second = await connector.ApplyAsync(cancel, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, first.Outcome);
        Assert.Equal(ApplyOutcome.AlreadyInPlace, second.Outcome);
        Assert.Empty(fixture.Emulator.Business.Invites);
    }
}
