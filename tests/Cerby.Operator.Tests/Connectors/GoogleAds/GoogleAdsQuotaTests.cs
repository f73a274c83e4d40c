using Cerby.Emulators.GoogleAds;
using Cerby.Operator.Connectors;

namespace Cerby.Operator.Tests.Connectors.GoogleAds;

/// <summary>Quota errors, credentials and headers: retryDelay honoured, a spent daily quota not retried, no token in any message.</summary>
public sealed class GoogleAdsQuotaTests(GoogleAdsConnectorFixture fixture) : IClassFixture<GoogleAdsConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_quota_error_waits_the_retryDelay_Google_names()
    {
        fixture.Emulator.Account.SeedUser("amy@example.com", "STANDARD");
        fixture.Emulator.Faults.Add(new GoogleAdsFault(GoogleAdsFaultKind.Quota, "googleAds:search", TimeSpan.FromSeconds(30)));
        var time = new InstantTimeProvider();

        var access = await fixture.CreateConnector(time).ReadAsync(CancellationToken.None);

        Assert.Single(access.Members);
        Assert.Equal([TimeSpan.FromSeconds(30)], time.Waits);
    }

    [Fact]
    public async Task A_retryDelay_beyond_the_longest_wait_fails_as_throttled_at_once()
    {
        fixture.Emulator.Faults.Add(new GoogleAdsFault(GoogleAdsFaultKind.Quota, "googleAds:search", TimeSpan.FromHours(6)));
        var time = new InstantTimeProvider();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => fixture.CreateConnector(time).ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Throttled, error.Kind);
        Assert.Empty(time.Waits);
        Assert.Equal(1, fixture.Emulator.Calls.Reads);
    }

    [Fact]
    public async Task A_write_throttled_by_quota_is_retried_without_a_second_invitation()
    {
        fixture.Emulator.Faults.Add(new GoogleAdsFault(GoogleAdsFaultKind.Quota, ":mutate", TimeSpan.FromSeconds(5)));
        var time = new InstantTimeProvider();

        await fixture.CreateConnector(time).ApplyAsync(GoogleAdsChanges.Invite("quinn@example.com", "READ_ONLY"), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(5)], time.Waits);
        Assert.Single(fixture.Emulator.Account.InvitationsOf("quinn@example.com"));
    }

    [Fact]
    public async Task A_search_answered_with_500_is_retried_because_a_search_only_reads()
    {
        fixture.Emulator.Account.SeedUser("sol@example.com", "STANDARD");
        fixture.Emulator.Faults.Add(new GoogleAdsFault(GoogleAdsFaultKind.LostAnswer, "googleAds:search"));

        var access = await fixture.CreateConnector(new InstantTimeProvider()).ReadAsync(CancellationToken.None);

        Assert.Contains("sol@example.com", access.Members.Keys);
        Assert.Equal(3, fixture.Emulator.Calls.Reads); // users twice (the 500, then the retry), then invitations
    }

    [Fact]
    public async Task A_wrong_developer_token_is_unauthorized_and_no_token_appears()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            fixture.CreateAdsConnector(new InstantTimeProvider(), developerToken: "revoked-developer-token").ReadAsync(CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Unauthorized, error.Kind);
        Assert.Equal("authorizationError.DEVELOPER_TOKEN_NOT_APPROVED", error.AppErrorCode);
        Assert.All(fixture.Secrets, secret => Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Through_a_manager_the_login_customer_id_header_is_sent()
    {
        await using var managed = await GoogleAdsEmulator.StartAsync(GoogleAdsConnectorFixture.CustomerId, loginCustomerId: "9876543210");
        managed.Account.SeedUser("mia@example.com", "ADMIN");
        using var http = Cerby.Operator.HttpEdge.EdgeClients.Create(managed.BaseUrl.ToString(), managed.AccessToken, TimeSpan.FromSeconds(30));
        Cerby.Operator.Connectors.GoogleAds.GoogleAdsConnector Connector(string? manager) =>
            new(http, managed.DeveloperToken, new("marketing/google-ads", GoogleAdsConnectorFixture.CustomerId, manager), new InstantTimeProvider());

        var refused = await Assert.ThrowsAsync<ConnectorException>(() => Connector(null).ReadAsync(CancellationToken.None));
        var access = await Connector("9876543210").ReadAsync(CancellationToken.None);

        Assert.Equal("requestError.LOGIN_CUSTOMER_ID_PARAMETER_MISSING", refused.AppErrorCode);
        Assert.Contains("mia@example.com", access.Members.Keys);
    }
}
