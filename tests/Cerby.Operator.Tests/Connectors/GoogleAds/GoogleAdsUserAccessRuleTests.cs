using Cerby.Emulators.GoogleAds;
using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.GoogleAds;

/// <summary>The user-access rules of Google Ads: the last-admin refusals and multi-party review.</summary>
public sealed class GoogleAdsUserAccessRuleTests(GoogleAdsConnectorFixture fixture) : IClassFixture<GoogleAdsConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(true, "LAST_ADMIN_USER_OF_MANAGER")]
    [InlineData(false, "LAST_ADMIN_USER_OF_SERVING_CUSTOMER")]
    public async Task Removing_the_last_admin_is_refused_clearly_and_sent_once(bool managerAccount, string code)
    {
        var account = fixture.Emulator.Account;
        account.Kind = managerAccount ? AdsAccountKind.Manager : AdsAccountKind.ServingWithoutManager;
        var id = account.SeedUser(account.CallerEmail, "ADMIN");
        var connector = fixture.CreateConnector(new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.ApplyAsync(GoogleAdsChanges.Of(AccessChangeKind.Remove, account.CallerEmail, null, id), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Equal($"customerUserAccessError.{code}", error.AppErrorCode);
        Assert.Contains("last admin", error.Message, StringComparison.Ordinal);
        Assert.Contains("Not retried", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Emulator.Calls.Writes);
        Assert.NotNull(account.UserByEmail(account.CallerEmail));
    }

    [Fact]
    public async Task Demoting_the_last_admin_of_a_manager_is_refused_and_not_retried()
    {
        var account = fixture.Emulator.Account;
        account.Kind = AdsAccountKind.Manager;
        var id = account.SeedUser("boss@example.com", "ADMIN");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => fixture.CreateConnector(new InstantTimeProvider())
            .ApplyAsync(GoogleAdsChanges.Of(AccessChangeKind.LowerRole, "boss@example.com", "STANDARD", id), CancellationToken.None));

        Assert.Equal("customerUserAccessError.LAST_ADMIN_USER_OF_MANAGER", error.AppErrorCode);
        Assert.Equal(1, fixture.Emulator.Calls.Writes);
        Assert.Equal("ADMIN", account.UserByEmail("boss@example.com")?.AccessRole);
    }

    [Fact]
    public async Task Another_admin_makes_the_removal_go_through()
    {
        var account = fixture.Emulator.Account;
        account.Kind = AdsAccountKind.Manager;
        var id = account.SeedUser("leaving@example.com", "ADMIN");
        account.SeedUser("staying@example.com", "ADMIN");

        var result = await fixture.CreateConnector(new InstantTimeProvider()).ApplyAsync(GoogleAdsChanges.Of(AccessChangeKind.Remove, "leaving@example.com", null, id), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Null(account.UserByEmail("leaving@example.com"));
    }

    [Fact]
    public async Task A_change_held_for_review_is_reported_as_pending_approval_and_not_sent_again()
    {
        var account = fixture.Emulator.Account;
        account.MultiPartyReview = true;
        var id = account.SeedUser("rita@example.com", "READ_ONLY");
        var connector = fixture.CreateConnector(new InstantTimeProvider());
        var raise = GoogleAdsChanges.Of(AccessChangeKind.RaiseRole, "rita@example.com", "ADMIN", id);

        var held = await Assert.ThrowsAsync<ConnectorException>(() => connector.ApplyAsync(raise, CancellationToken.None));
        var again = await Assert.ThrowsAsync<ConnectorException>(() => connector.ApplyAsync(raise, CancellationToken.None));

        Assert.Contains("pending approval", held.Message, StringComparison.Ordinal);
        Assert.Contains("multiPartyAuthReviews/", held.Message, StringComparison.Ordinal);
        Assert.Contains("waits for a second admin", again.Message, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Emulator.Calls.Writes);
        Assert.Equal("READ_ONLY", account.UserByEmail("rita@example.com")?.AccessRole);

        account.ApproveReviews();
        var after = await connector.ApplyAsync(raise, CancellationToken.None);
        Assert.Equal(ApplyOutcome.AlreadyInPlace, after.Outcome);
    }

    [Fact]
    public async Task Suspend_is_rejected_because_Google_Ads_has_no_suspended_state()
    {
        var id = fixture.Emulator.Account.SeedUser("sam@example.com", "STANDARD");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => fixture.CreateConnector(new InstantTimeProvider())
            .ApplyAsync(GoogleAdsChanges.Of(AccessChangeKind.Suspend, "sam@example.com", null, id), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Equal(0, fixture.Emulator.Calls.Writes);
    }
}
