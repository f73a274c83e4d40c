using Cerby.Operator.Planning;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>
/// Issue 6's figures against the emulator: a membership read of 10,000 users and 1,000 applied changes. Call counts are
/// asserted; times are printed, not asserted.
/// </summary>
public sealed class MetaScaleFigures(MetaConnectorFixture fixture, ITestOutputHelper output) : IClassFixture<MetaConnectorFixture>, IAsyncLifetime
{
    private const int Users = 10_000;
    private const int Invites = 500;
    private const int OnPage = 2_000;
    private const int OnAdAccount = 1_000;
    private const int PageSize = 100;
    private const int ChangesPerKind = 250;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Meta_reads_10000_users_and_applies_1000_changes_with_one_write_each()
    {
        var business = fixture.Emulator.Business;
        var ids = Enumerable.Range(0, Users).Select(i => business.SeedUser($"user{i:D5}@example.com")).ToList();
        for (var i = 0; i < Invites; i++)
        {
            business.SeedInvite($"invitee{i:D4}@example.com");
        }

        ids.Take(OnPage).ToList().ForEach(id => business.SeedAssignment(MetaConnectorFixture.PageId, id, "ANALYZE"));
        ids.Skip(OnPage).Take(OnAdAccount).ToList().ForEach(id => business.SeedAssignment(MetaConnectorFixture.AdAccountId, id, "ANALYZE"));
        var connector = fixture.CreateMetaConnector(TimeProvider.System, adjust: o => o with { PageSize = PageSize });

        fixture.Emulator.Calls.Clear();
        var (access, read) = await ScaleTiming.ReadAsync(connector);
        var readCalls = fixture.Emulator.Calls.Reads;

        Assert.Equal(Users + Invites, access.Members.Count);
        Assert.Equal(Pages(Users) + Pages(Invites) + Pages(OnPage) + Pages(OnAdAccount), readCalls);
        Assert.Equal(0, fixture.Emulator.Calls.Writes);

        var changes = Enumerable.Range(0, ChangesPerKind).SelectMany(i => new[]
        {
            MetaChanges.Invite($"hire{i:D4}@example.com"),
            MetaChanges.SetRole(AccessChangeKind.RaiseRole, $"user{i:D5}@example.com", ids[i], "ADMIN"),
            MetaChanges.Grant($"user{i + ChangesPerKind:D5}@example.com", ids[i + ChangesPerKind], MetaChanges.Page, "CREATE_CONTENT", "ANALYZE"),
            MetaChanges.Change(AccessChangeKind.Remove, $"user{Users - 1 - i:D5}@example.com", ids[Users - 1 - i]),
        }).ToList();
        fixture.Emulator.Calls.Clear();
        var (reported, apply) = await ScaleTiming.ApplyAllAsync(connector, changes);
        var writes = fixture.Emulator.Calls.Writes;
        var applyReads = fixture.Emulator.Calls.Reads;

        Assert.Equal(changes.Count, writes);
        Assert.Equal(2 * ChangesPerKind, applyReads); // invites look for a pending invitation, role changes read the current role
        Assert.Equal(writes + applyReads, reported);
        output.WriteLine($"Meta read: {access.Members.Count:N0} members ({Users:N0} users, {Invites} invites, {OnPage + OnAdAccount:N0} asset assignments), page size {PageSize}: {readCalls} GET calls, {read.ElapsedMilliseconds} ms");
        output.WriteLine($"Meta apply: {changes.Count:N0} changes (invite, raise role, grant page, remove x {ChangesPerKind}): {writes} writes + {applyReads} reads = {reported} calls, {apply.ElapsedMilliseconds} ms ({apply.Elapsed.TotalMilliseconds / changes.Count:0.00} ms a change)");
    }

    private static int Pages(int items) => (items + PageSize - 1) / PageSize;
}
