using Cerby.Operator.Planning;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Connectors.LinkedIn;

/// <summary>
/// Issue 16's figures against the emulator: reading an ad account of 10,000 users and applying 1,000 changes. Call
/// counts are asserted (one write per change); times are printed, not asserted.
/// </summary>
public sealed class LinkedInScaleFigures(LinkedInConnectorFixture fixture, ITestOutputHelper output) : IClassFixture<LinkedInConnectorFixture>, IAsyncLifetime
{
    private const int Users = 10_000;
    private const int PageSize = 1_000; // LinkedIn's cap on count
    private const int ChangesPerKind = 250;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task LinkedIn_reads_10000_users_in_10_calls_and_applies_1000_changes_with_one_write_each()
    {
        var ids = new List<string>();
        for (var i = 0; i < Users; i++)
        {
            ids.Add(await fixture.SeedAsync(new PeerMember($"user{i:D5}@example.com", "VIEWER")));
        }

        var connector = fixture.CreateLinkedInConnector(TimeProvider.System, adjust: o => o with { PageSize = PageSize });
        fixture.Emulator.Calls.ClearCounts();
        var (access, read) = await ScaleTiming.ReadAsync(connector);
        var readCalls = fixture.Emulator.Calls.Reads;

        Assert.Equal(Users, access.Members.Count);
        Assert.Equal(Users / PageSize, readCalls);

        var changes = Enumerable.Range(0, ChangesPerKind).SelectMany(i => new[]
        {
            Change(AccessChangeKind.Add, $"hire{i:D4}@example.com", "CREATIVE_MANAGER", null),
            Change(AccessChangeKind.RaiseRole, $"user{i:D5}@example.com", "ACCOUNT_MANAGER", ids[i]),
            Change(AccessChangeKind.RaiseRole, $"user{i + ChangesPerKind:D5}@example.com", "CAMPAIGN_MANAGER", ids[i + ChangesPerKind]),
            Change(AccessChangeKind.Remove, $"user{Users - 1 - i:D5}@example.com", null, ids[Users - 1 - i]),
        }).ToList();
        fixture.Emulator.Calls.ClearCounts();
        var (reported, apply) = await ScaleTiming.ApplyAllAsync(connector, changes);
        var (writes, applyReads) = (fixture.Emulator.Calls.Writes, fixture.Emulator.Calls.Reads);

        Assert.Equal(changes.Count, writes);
        Assert.Equal(3 * ChangesPerKind, applyReads); // adds and role changes read the user's key first; removals do not
        Assert.Equal(writes + applyReads, reported);
        output.WriteLine($"LinkedIn read: {Users:N0} ad account users, count {PageSize}: {readCalls} GET calls, {read.ElapsedMilliseconds} ms");
        output.WriteLine($"LinkedIn apply: {changes.Count:N0} changes (add, raise, raise, remove x {ChangesPerKind}): {writes} writes + {applyReads} reads = {reported} calls, {apply.ElapsedMilliseconds} ms ({apply.Elapsed.TotalMilliseconds / changes.Count:0.00} ms a change)");
    }

    private static AccessChange Change(AccessChangeKind kind, string email, string? role, string? id) =>
        new(kind, email, email, null, null, "figures", NativeRole: role, AppUserId: id);
}
