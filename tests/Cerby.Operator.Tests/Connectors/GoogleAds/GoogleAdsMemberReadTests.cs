using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.GoogleAds;

/// <summary>
/// Reading a few people of a customer account (a hub's verification and confirmation reads) costs two GAQL searches
/// filtered by their emails, not a read of the account, and answers each as the full read does: a user with its
/// AccessRole, a pending or ended invitation, or absent.
/// </summary>
public sealed class GoogleAdsMemberReadTests(GoogleAdsConnectorFixture fixture) : IClassFixture<GoogleAdsConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_user_an_invitee_an_expired_invitee_and_an_absent_person_of_a_1000_user_account_cost_two_searches()
    {
        var account = fixture.Emulator.Account;
        for (var i = 0; i < 1000; i++)
        {
            account.SeedUser($"u{i:D4}@example.com", i % 100 == 7 ? "ADMIN" : "READ_ONLY");
        }

        account.SeedInvitation("new.hire@example.com", "STANDARD");
        account.SeedInvitation("late@example.com", "READ_ONLY", age: TimeSpan.FromDays(30));
        var connector = fixture.CreateConnector(new InstantTimeProvider());
        var all = await connector.ReadAsync(CancellationToken.None);
        fixture.Emulator.Calls.Clear();
        string[] keys = ["u0007@example.com", "new.hire@example.com", "late@example.com", "nobody@example.com"];

        var read = await connector.ReadMembersAsync([.. keys.Select(k => new MemberLookup(k, k, all.Members.GetValueOrDefault(k)))], CancellationToken.None);

        Assert.Null(read.Whole);
        Assert.Equal(2, fixture.Emulator.Calls.Reads);
        MemberReadAssert.AnswersAsFullRead(all, read, keys);
        Assert.Equal((MemberState.Active, "ADMIN"), (read.Members["u0007@example.com"]!.State, read.Members["u0007@example.com"]!.NativeRole));
        Assert.Equal((MemberState.Invited, false), (read.Members["new.hire@example.com"]!.State, read.Members["new.hire@example.com"]!.InviteExpired));
        Assert.True(read.Members["late@example.com"]!.InviteExpired);
        Assert.Null(read.Members["nobody@example.com"]);
    }

    [Fact]
    public async Task An_invitation_planned_from_a_kept_state_is_one_mutate_and_its_verification_two_searches()
    {
        var connector = fixture.CreateConnector(new InstantTimeProvider());
        var invite = new AccessChange(AccessChangeKind.Invite, "joiner@example.com", "joiner@example.com", null, null, "kept state", NativeRole: "STANDARD");

        var applied = await connector.ApplyFromKnownStateAsync(invite, CancellationToken.None);
        var read = await connector.ReadMembersAsync([new MemberLookup("joiner@example.com", "joiner@example.com", null)], CancellationToken.None);

        Assert.Equal((ApplyOutcome.Applied, 1), (applied.Outcome, applied.Calls));
        Assert.Equal((MemberState.Invited, "STANDARD"), (read.Members["joiner@example.com"]!.State, read.Members["joiner@example.com"]!.NativeRole));
        Assert.Equal((1, 2), (fixture.Emulator.Calls.Writes, fixture.Emulator.Calls.Reads));
    }

    [Fact]
    public async Task A_user_stored_under_another_spelling_of_its_email_is_found_by_the_email_last_seen()
    {
        fixture.Emulator.Account.SeedUser("Ada.Lovelace@Example.com", "STANDARD");
        var connector = fixture.CreateConnector(new InstantTimeProvider());
        var all = await connector.ReadAsync(CancellationToken.None);

        var read = await connector.ReadMembersAsync(
            [new MemberLookup("ada.lovelace@example.com", "ada.lovelace@example.com", all.Members["ada.lovelace@example.com"])], CancellationToken.None);

        MemberReadAssert.AnswersAsFullRead(all, read, "ada.lovelace@example.com");
        Assert.NotNull(read.Members["ada.lovelace@example.com"]);
    }
}
