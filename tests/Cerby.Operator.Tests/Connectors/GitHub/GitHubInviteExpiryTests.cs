using Cerby.Emulators.GitHub;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Connectors.GitHub;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>GitHub invitations lapse after 7 days; the person is then invited again.</summary>
public sealed class GitHubInviteExpiryTests
{
    [Fact]
    public async Task An_invitation_left_7_days_lapses_and_the_next_add_invites_again()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await GitHubEmulator.StartAsync("acme", time: clock);
        using var http = EdgeClients.Create(emulator.BaseUrl.AbsoluteUri, emulator.Token, TimeSpan.FromSeconds(30));
        var connector = new GitHubConnector(http, new GitHubConnectorOptions("eng/github", "acme", new GitHubLogins("example.com"), []), clock);
        var invite = GitHubChanges.Role(AccessChangeKind.Invite, "ada@example.com", "member");

        await connector.ApplyAsync(invite, CancellationToken.None);
        clock.Now += TimeSpan.FromDays(6);
        var sixDays = (await connector.ReadAsync(CancellationToken.None)).Members["ada@example.com"];
        clock.Now += TimeSpan.FromDays(1);
        var sevenDays = await connector.ReadAsync(CancellationToken.None);
        var again = await connector.ApplyAsync(invite, CancellationToken.None);

        Assert.Equal((MemberState.Invited, false), (sixDays.State, sixDays.InviteExpired));
        Assert.DoesNotContain("ada@example.com", sevenDays.Members.Keys);
        Assert.Single(emulator.Org.Failed());
        Assert.Equal(ApplyOutcome.Applied, again.Outcome);
        Assert.True(emulator.Org.Member("ada")?.Pending);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
