using Cerby.Emulators.GoogleAds;
using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.GoogleAds;

/// <summary>Access invitations: pending, declined and expired ones as the planner needs them, immutable roles, lost answers.</summary>
public sealed class GoogleAdsInvitationTests(GoogleAdsConnectorFixture fixture) : IClassFixture<GoogleAdsConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pending_invitations_read_as_invited_and_expired_or_declined_ones_as_expired_invites()
    {
        var account = fixture.Emulator.Account;
        var pending = account.SeedInvitation("pia@example.com", "STANDARD", TimeSpan.FromDays(19));
        account.SeedInvitation("eve@example.com", "READ_ONLY", GoogleAdsAccount.InvitationLifetime);
        account.SeedInvitation("dee@example.com", "READ_ONLY");
        account.DeclineInvitation("dee@example.com");

        var members = (await fixture.CreateConnector(new InstantTimeProvider()).ReadAsync(CancellationToken.None)).Members;

        Assert.Equal((MemberState.Invited, false, "STANDARD", "invitation:" + pending), (members["pia@example.com"].State, members["pia@example.com"].InviteExpired, members["pia@example.com"].NativeRole, members["pia@example.com"].AppUserId));
        Assert.True(members["eve@example.com"].InviteExpired);
        Assert.True(members["dee@example.com"].InviteExpired);
    }

    [Fact]
    public async Task An_expired_invitation_is_followed_by_a_new_one()
    {
        var account = fixture.Emulator.Account;
        var expired = account.SeedInvitation("eve@example.com", "READ_ONLY", TimeSpan.FromDays(21));

        var result = await fixture.CreateConnector(new InstantTimeProvider())
            .ApplyAsync(GoogleAdsChanges.Of(AccessChangeKind.Invite, "eve@example.com", "READ_ONLY", "invitation:" + expired), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Contains(account.InvitationsOf("eve@example.com"), i => i.Status == "PENDING");
    }

    [Fact]
    public async Task A_role_change_of_a_pending_invitation_cancels_and_invites_again()
    {
        var account = fixture.Emulator.Account;
        var old = account.SeedInvitation("ivo@example.com", "READ_ONLY");

        var result = await fixture.CreateConnector(new InstantTimeProvider())
            .ApplyAsync(GoogleAdsChanges.Of(AccessChangeKind.RaiseRole, "ivo@example.com", "STANDARD", "invitation:" + old), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        var invitation = Assert.Single(account.InvitationsOf("ivo@example.com"));
        Assert.Equal(("STANDARD", "PENDING"), (invitation.AccessRole, invitation.Status));
        Assert.Equal(2, fixture.Emulator.Calls.Writes);
    }

    [Fact]
    public async Task An_invite_whose_answer_was_lost_is_resolved_by_a_read_and_never_sent_twice()
    {
        fixture.Emulator.Faults.Add(new GoogleAdsFault(GoogleAdsFaultKind.LostAnswer, "customerUserAccessInvitations:mutate"));

        var result = await fixture.CreateConnector(new InstantTimeProvider()).ApplyAsync(GoogleAdsChanges.Invite("lou@example.com", "READ_ONLY"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Contains("answer was lost", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Emulator.Calls.Writes);
        Assert.Single(fixture.Emulator.Account.InvitationsOf("lou@example.com"));
    }

    [Fact]
    public async Task An_invite_for_someone_who_already_has_access_becomes_a_role_update()
    {
        fixture.Emulator.Account.SeedUser("ann@example.com", "READ_ONLY");

        var result = await fixture.CreateConnector(new InstantTimeProvider()).ApplyAsync(GoogleAdsChanges.Invite("ann@example.com", "STANDARD"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal("STANDARD", fixture.Emulator.Account.UserByEmail("ann@example.com")?.AccessRole);
        Assert.Empty(fixture.Emulator.Account.InvitationsOf("ann@example.com"));
    }

    [Fact]
    public async Task Cancelling_an_invitation_removes_it_and_a_repeat_is_already_in_place()
    {
        var id = fixture.Emulator.Account.SeedInvitation("cal@example.com", "READ_ONLY");
        var connector = fixture.CreateConnector(new InstantTimeProvider());
        var cancel = GoogleAdsChanges.Of(AccessChangeKind.CancelInvite, "cal@example.com", null, "invitation:" + id);

        var first = await connector.ApplyAsync(cancel, CancellationToken.None);
        var second = await connector.ApplyAsync(cancel, CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.AlreadyInPlace), (first.Outcome, second.Outcome));
        Assert.Empty(fixture.Emulator.Account.InvitationsOf("cal@example.com"));
    }

    [Fact]
    public async Task An_invitation_accepted_under_another_email_shows_that_user()
    {
        var connector = fixture.CreateConnector(new InstantTimeProvider());
        await connector.ApplyAsync(GoogleAdsChanges.Invite("work@example.com", "STANDARD"), CancellationToken.None);
        fixture.Emulator.Account.AcceptInvitation("work@example.com", acceptAs: "personal@gmail.example");

        var members = (await connector.ReadAsync(CancellationToken.None)).Members;

        Assert.DoesNotContain("work@example.com", members.Keys);
        Assert.Equal(("STANDARD", MemberState.Active), (members["personal@gmail.example"].NativeRole, members["personal@gmail.example"].State));
    }
}
