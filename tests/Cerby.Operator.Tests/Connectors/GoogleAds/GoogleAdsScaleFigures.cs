using Cerby.Operator.Planning;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Connectors.GoogleAds;

/// <summary>
/// Issue 16's figures against the emulator at Google's own page size (10,000 rows): a read of 10,000 users and 500
/// invitations, and 1,000 applied changes. Call counts are asserted; times are printed, not asserted.
/// </summary>
public sealed class GoogleAdsScaleFigures(GoogleAdsConnectorFixture fixture, ITestOutputHelper output) : IClassFixture<GoogleAdsConnectorFixture>, IAsyncLifetime
{
    private const int Users = 10_000;
    private const int Invitations = 500;
    private const int GooglePageSize = 10_000;
    private const int ChangesPerKind = 250;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        fixture.Emulator.PageSize = GooglePageSize;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Google_Ads_reads_10000_users_and_applies_1000_changes_with_one_mutate_each()
    {
        var account = fixture.Emulator.Account;
        var ids = Enumerable.Range(0, Users).Select(i => account.SeedUser($"user{i:D5}@example.com", "READ_ONLY")).ToList();
        for (var i = 0; i < Invitations; i++)
        {
            account.SeedInvitation($"invitee{i:D4}@example.com", "READ_ONLY");
        }

        var connector = fixture.CreateConnector(TimeProvider.System);
        fixture.Emulator.Calls.Clear();
        var (access, read) = await ScaleTiming.ReadAsync(connector);
        var readCalls = fixture.Emulator.Calls.Reads;

        Assert.Equal(Users + Invitations, access.Members.Count);
        Assert.Equal(2, readCalls); // one page of users, one of invitations
        Assert.Equal(0, fixture.Emulator.Calls.Writes);

        var changes = Enumerable.Range(0, ChangesPerKind).SelectMany(i => new[]
        {
            GoogleAdsChanges.Invite($"hire{i:D4}@example.com", "STANDARD"),
            GoogleAdsChanges.Of(AccessChangeKind.RaiseRole, $"user{i:D5}@example.com", "ADMIN", ids[i]),
            GoogleAdsChanges.Of(AccessChangeKind.RaiseRole, $"user{i + ChangesPerKind:D5}@example.com", "STANDARD", ids[i + ChangesPerKind]),
            GoogleAdsChanges.Of(AccessChangeKind.Remove, $"user{Users - 1 - i:D5}@example.com", null, ids[Users - 1 - i]),
        }).ToList();
        fixture.Emulator.Calls.Clear();
        var (reported, apply) = await ScaleTiming.ApplyAllAsync(connector, changes);
        var writes = fixture.Emulator.Calls.Writes;
        var applyReads = fixture.Emulator.Calls.Reads;

        Assert.Equal(changes.Count, writes);
        Assert.Equal(changes.Count, applyReads); // each change first searches the invitation or user it is about
        Assert.Equal(writes + applyReads, reported);
        output.WriteLine($"Google Ads read: {access.Members.Count:N0} members ({Users:N0} users, {Invitations} invitations), Google's page of {GooglePageSize:N0} rows: {readCalls} search calls, {read.ElapsedMilliseconds} ms");
        output.WriteLine($"Google Ads apply: {changes.Count:N0} changes (invite, raise to ADMIN, raise to STANDARD, remove x {ChangesPerKind}): {writes} mutates + {applyReads} searches = {reported} calls, {apply.ElapsedMilliseconds} ms ({apply.Elapsed.TotalMilliseconds / changes.Count:0.00} ms a change)");
    }
}
