using Cerby.Operator.Planning;
using Xunit.Abstractions;
using static Cerby.Operator.Tests.Connectors.TikTok.TikTokChanges;

namespace Cerby.Operator.Tests.Connectors.TikTok;

/// <summary>
/// Issue 16's figures against the emulator: a read of 10,000 members (a real Business Center stops at 4,000; the
/// emulator's seeding ignores the cap to measure the read) and 1,000 changes applied to a Business Center of 3,500 members. Calls are asserted; times printed.
/// </summary>
public sealed class TikTokScaleFigures(TikTokConnectorFixture fixture, ITestOutputHelper output) : IClassFixture<TikTokConnectorFixture>, IAsyncLifetime
{
    private const int Members = 10_000;
    private const int OnAdvertiser = 1_000;
    private const int PageSize = 100;
    private const int AssetPageSize = 20;
    private const int ChangesPerKind = 250;
    private const int Seated = 3_500;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TikTok_reads_10000_members_and_applies_1000_changes_with_one_write_each()
    {
        var bc = fixture.Emulator.BusinessCenter;
        var ids = Enumerable.Range(0, Members).Select(i => bc.SeedMember($"user{i:D5}@example.com")).ToList();
        ids.Take(OnAdvertiser).ToList().ForEach(id => bc.Assign(id, "ADVERTISER", TikTokConnectorFixture.AdvertiserId, "ANALYST"));
        var connector = fixture.CreateTikTokConnector(TimeProvider.System, adjust: o => o with { PageSize = PageSize });

        fixture.Emulator.Calls.Clear();
        var (access, read) = await ScaleTiming.ReadAsync(connector);
        var readCalls = fixture.Emulator.Calls.Reads;

        Assert.Equal(Members, access.Members.Count);
        Assert.Equal((Members / PageSize) + (OnAdvertiser / AssetPageSize) + 1, readCalls); // + the empty catalog's one page
        Assert.Equal(OnAdvertiser, access.Members.Values.Count(m => m.Assets.Count == 1));

        // The changes run on a Business Center within its 4,000-member cap (the invites would be refused otherwise).
        await fixture.ResetAsync();
        ids = [.. Enumerable.Range(0, Seated).Select(i => bc.SeedMember($"user{i:D5}@example.com"))];
        var changes = Enumerable.Range(0, ChangesPerKind).SelectMany(i => new[]
        {
            Invite($"hire{i:D4}@example.com"),
            SetRole($"user{i + 1000:D5}@example.com", ids[i + 1000], "STANDARD:MANAGER"),
            Grant($"user{i + 2000:D5}@example.com", ids[i + 2000], Advertiser, "OPERATOR"),
            Change(AccessChangeKind.Remove, $"user{Seated - 1 - i:D5}@example.com", ids[Seated - 1 - i]),
        }).ToList();
        fixture.Emulator.Calls.Clear();
        var (reported, apply) = await ScaleTiming.ApplyAllAsync(connector, changes);
        var writes = fixture.Emulator.Calls.Writes;
        var applyReads = fixture.Emulator.Calls.Reads;

        Assert.Equal(changes.Count, writes);
        Assert.Equal(changes.Count + ChangesPerKind, applyReads); // one member lookup each; a grant also reads the asset's role
        Assert.Equal(writes + applyReads, reported);
        output.WriteLine($"TikTok read: {access.Members.Count:N0} members ({OnAdvertiser:N0} on an ad account), page sizes {PageSize}/{AssetPageSize}: {readCalls} GET calls, {read.ElapsedMilliseconds} ms");
        output.WriteLine($"TikTok apply: {changes.Count:N0} changes (invite, role, grant ad account, remove x {ChangesPerKind}): {writes} writes + {applyReads} reads = {reported} calls, {apply.ElapsedMilliseconds} ms");
    }
}
