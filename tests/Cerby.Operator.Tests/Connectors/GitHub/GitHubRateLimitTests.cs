using Cerby.Emulators.GitHub;
using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>GitHub's two rate limits, as its REST guide says to honour them.</summary>
public sealed class GitHubRateLimitTests(GitHubConnectorFixture peer) : IClassFixture<GitHubConnectorFixture>, IAsyncLifetime
{
    private static readonly string[] Get = ["GET"];
    private static readonly string[] Put = ["PUT"];
    private readonly InstantTimeProvider time = new();

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_primary_limit_is_waited_out_until_its_reset_then_the_read_succeeds()
    {
        peer.Emulator.Org.SeedMember("ada", "admin");
        peer.Emulator.Faults.Inject(GitHubFaultKind.PrimaryLimit, 1, Get, "/members", seconds: 20);

        var access = await peer.CreateConnector(time).ReadAsync(CancellationToken.None);

        Assert.Contains("ada@example.com", access.Members.Keys);
        var wait = Assert.Single(time.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(21));
    }

    [Fact]
    public async Task A_primary_limit_resetting_beyond_the_longest_wait_fails_at_once_as_Throttled()
    {
        peer.Emulator.Faults.Inject(GitHubFaultKind.PrimaryLimit, 1, Get, "/members", seconds: 3000);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => peer.CreateConnector(time).ReadAsync(CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Throttled, "primary"), (error.Kind, error.AppErrorCode));
        Assert.Empty(time.Waits);
        Assert.Equal(1, peer.Emulator.Calls.Total);
    }

    [Fact]
    public async Task A_secondary_limit_without_retry_after_waits_a_minute_then_the_write_applies()
    {
        peer.Emulator.Faults.Inject(GitHubFaultKind.SecondaryLimitNoRetryAfter, 1, Put);

        var result = await peer.CreateConnector(time).ApplyAsync(GitHubChanges.Role(AccessChangeKind.Add, "bob@example.com", "member"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal([TimeSpan.FromMinutes(1)], time.Waits);
        Assert.True(peer.Emulator.Org.Member("bob")?.Pending);
    }

    [Fact]
    public async Task A_403_that_is_not_a_rate_limit_is_Unauthorized_and_not_retried()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            peer.CreateConnector(time).ApplyAsync(GitHubChanges.Team(AccessChangeKind.GrantAsset, "ada@example.com", "ada", GitHubConnectorFixture.SyncedTeamSlug, "member"), CancellationToken.None));

        // On a team synced from an IdP, GitHub's 403 refuses the change, not the token.
        Assert.Equal(ConnectorErrorKind.Rejected, error.Kind);
        Assert.Contains("synced from an IdP", error.Message, StringComparison.Ordinal);
        Assert.Empty(time.Waits);
    }
}
