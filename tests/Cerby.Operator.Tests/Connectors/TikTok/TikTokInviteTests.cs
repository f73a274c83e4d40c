using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;
using static Cerby.Operator.Tests.Connectors.TikTok.TikTokChanges;

namespace Cerby.Operator.Tests.Connectors.TikTok;

/// <summary>Invitations: PENDING until accepted, REJECTED invites sent again, pending invitees withdrawn by email.</summary>
public sealed class TikTokInviteTests(TikTokConnectorFixture peer) : IClassFixture<TikTokConnectorFixture>, IAsyncLifetime
{
    private readonly InstantTimeProvider time = new();

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_invite_reads_as_invited_with_its_finance_role_until_accepted_then_active()
    {
        var connector = peer.CreateConnector(time);
        await connector.ApplyAsync(Invite("ana@example.com", "STANDARD:ANALYST"), CancellationToken.None);

        var pending = (await connector.ReadAsync(CancellationToken.None)).Members["ana@example.com"];
        peer.Emulator.BusinessCenter.AcceptInvite("ana@example.com");
        var bound = (await connector.ReadAsync(CancellationToken.None)).Members["ana@example.com"];

        Assert.Equal((MemberState.Invited, "STANDARD:ANALYST", (string?)null), (pending.State, pending.NativeRole, pending.AppUserId));
        Assert.Equal((MemberState.Active, "STANDARD:ANALYST"), (bound.State, bound.NativeRole));
        Assert.NotNull(bound.AppUserId);
    }

    [Fact]
    public async Task A_declined_invite_reads_as_expired_and_the_next_invite_sends_it_again()
    {
        var connector = peer.CreateConnector(time);
        await connector.ApplyAsync(Invite("bo@example.com"), CancellationToken.None);
        peer.Emulator.BusinessCenter.RejectInvite("bo@example.com");

        var declined = (await connector.ReadAsync(CancellationToken.None)).Members["bo@example.com"];
        var again = await connector.ApplyAsync(Invite("bo@example.com"), CancellationToken.None);

        Assert.True(declined.InviteExpired);
        Assert.Equal(ApplyOutcome.Applied, again.Outcome);
        Assert.Equal("PENDING", peer.Emulator.BusinessCenter.MemberByEmail("bo@example.com")?.Status);
    }

    [Fact]
    public async Task Cancelling_a_pending_invite_deletes_it_by_email_once()
    {
        var connector = peer.CreateConnector(time);
        await connector.ApplyAsync(Invite("cy@example.com"), CancellationToken.None);
        var cancel = Change(AccessChangeKind.CancelInvite, "cy@example.com", null);

        var first = await connector.ApplyAsync(cancel, CancellationToken.None);
        var second = await connector.ApplyAsync(cancel, CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, ApplyOutcome.AlreadyInPlace), (first.Outcome, second.Outcome));
        Assert.Null(peer.Emulator.BusinessCenter.MemberByEmail("cy@example.com"));
    }

    [Fact]
    public async Task A_role_change_for_an_invitee_without_a_user_id_is_refused_clearly_without_a_write()
    {
        var connector = peer.CreateConnector(time);
        await connector.ApplyAsync(Invite("di@example.com"), CancellationToken.None);
        var writes = peer.Emulator.Calls.Writes;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ApplyAsync(SetRole("di@example.com", null, "ADMIN"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Contains("has not accepted", error.Message, StringComparison.Ordinal);
        Assert.Equal(writes, peer.Emulator.Calls.Writes);
    }

    [Fact]
    public async Task Dropping_the_finance_role_clears_it()
    {
        var id = peer.Emulator.BusinessCenter.SeedMember("ed@example.com", "STANDARD:MANAGER");

        await peer.CreateConnector(time).ApplyAsync(SetRole("ed@example.com", id, "STANDARD") with { Kind = AccessChangeKind.LowerRole }, CancellationToken.None);

        Assert.Null(peer.Emulator.BusinessCenter.MemberByEmail("ed@example.com")?.FinanceRole);
    }

    [Fact]
    public async Task An_unknown_native_role_is_refused_before_any_call()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ApplyAsync(Invite("fa@example.com", "EMPLOYEE"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Equal(0, peer.Emulator.Calls.Reads);
    }
}
