using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>The organization's paid seats come with every full read; seats the token may not see are unknown, never none.</summary>
public sealed class GitHubSeatsTests(GitHubConnectorFixture peer) : IClassFixture<GitHubConnectorFixture>, IAsyncLifetime
{
    private readonly InstantTimeProvider time = new();

    public Task InitializeAsync() => peer.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_read_reports_the_plans_seats_and_how_many_are_filled_with_one_extra_call()
    {
        var org = peer.Emulator.Org;
        org.Seats = 5;
        org.SeedMember("ada", "admin");
        org.SeedMember("bob", "member");
        org.Put("carol", "member");

        var access = await peer.CreateConnector(time).ReadAsync(CancellationToken.None);

        Assert.Equal(new AppSeats(5, 3), access.Seats);
        Assert.Equal(1, peer.Emulator.Calls.Exactly("GET", "/orgs/acme"));
    }

    [Fact]
    public async Task An_organization_answer_without_plan_reads_as_unknown_seats_and_the_members_still_read()
    {
        peer.Emulator.Org.ShowsPlan = false;
        peer.Emulator.Org.SeedMember("ada", "admin");

        var access = await peer.CreateConnector(time).ReadAsync(CancellationToken.None);

        Assert.Null(access.Seats);
        Assert.Equal(["ada@example.com"], access.Members.Keys);
    }
}
