using Cerby.Operator.Planning;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>
/// Issue 16's figures against the GitHub emulator: a read of 10,000 members and 1,000 applied changes. Call counts are
/// asserted; times are printed, not asserted.
/// </summary>
public sealed class GitHubScaleFigures(GitHubConnectorFixture fixture, ITestOutputHelper output) : IClassFixture<GitHubConnectorFixture>, IAsyncLifetime
{
    private const int Admins = 200;
    private const int Members = 9_800;
    private const int Invites = 500;
    private const int InTeam = 2_000;
    private const int PageSize = 100;
    private const int ChangesPerKind = 250;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GitHub_reads_10000_members_and_applies_1000_changes_with_one_write_each()
    {
        var org = fixture.Emulator.Org;
        org.DailyInviteCap = int.MaxValue; // the seeded invitations stand for ones sent on earlier days (the real cap is 500 a day)
        var logins = Enumerable.Range(0, Admins + Members).Select(i => org.SeedMember($"user{i:D5}", i < Admins ? "admin" : "member")).ToList();
        for (var i = 0; i < Invites; i++)
        {
            org.Put($"invitee{i:D4}", "member");
        }

        logins.Skip(Admins).Take(InTeam).ToList().ForEach(l => org.SetTeamRole(GitHubConnectorFixture.TeamSlug, l, "member"));
        var connector = fixture.CreateGitHubConnector(TimeProvider.System, adjust: o => o with { PageSize = PageSize });

        fixture.Emulator.Calls.Clear();
        var (access, read) = await ScaleTiming.ReadAsync(connector);
        var readCalls = fixture.Emulator.Calls.Total;

        Assert.Equal(Admins + Members + Invites, access.Members.Count);
        Assert.Equal(Pages(Admins) + Pages(Members) + Pages(Invites) + 1 + Pages(InTeam) + 1, readCalls); // the team's maintainer list is one empty page; then GET /orgs/acme for the seats
        Assert.Equal(new AppSeats(org.Seats, Admins + Members + Invites), access.Seats);
        Assert.Equal(0, fixture.Emulator.Calls.Writes);

        var changes = Enumerable.Range(0, ChangesPerKind).SelectMany(i => new[]
        {
            GitHubChanges.Role(AccessChangeKind.Invite, $"hire{i:D4}@example.com", "member"),
            GitHubChanges.Role(AccessChangeKind.RaiseRole, $"user{Admins + InTeam + i:D5}@example.com", "admin", logins[Admins + InTeam + i]),
            GitHubChanges.Team(AccessChangeKind.GrantAsset, $"user{Admins + i:D5}@example.com", logins[Admins + i], GitHubConnectorFixture.TeamSlug, "maintainer"),
            GitHubChanges.Remove($"user{Admins + Members - 1 - i:D5}@example.com", logins[Admins + Members - 1 - i]),
        }).ToList();
        fixture.Emulator.Calls.Clear();
        var (reported, apply) = await ScaleTiming.ApplyAllAsync(connector, changes);
        var writes = fixture.Emulator.Calls.Writes;
        var applyReads = fixture.Emulator.Calls.Total - writes;

        Assert.Equal(changes.Count, writes);
        Assert.Equal(3 * ChangesPerKind, applyReads); // invites, role and team changes read the current membership first; removals are a bare DELETE
        Assert.Equal(writes + applyReads, reported);
        output.WriteLine($"GitHub read: {access.Members.Count:N0} members ({Admins + Members:N0} members, {Invites} invitations, {InTeam:N0} team memberships), per_page {PageSize}: {readCalls} GET calls, {read.ElapsedMilliseconds} ms");
        output.WriteLine($"GitHub apply: {changes.Count:N0} changes (invite, raise role, team maintainer, remove x {ChangesPerKind}): {writes} writes + {applyReads} reads = {reported} calls, {apply.ElapsedMilliseconds} ms ({apply.Elapsed.TotalMilliseconds / changes.Count:0.00} ms a change)");
    }

    private static int Pages(int items) => (items + PageSize - 1) / PageSize;
}
