using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>
/// Reading a few members of a business (a hub's verification and confirmation reads) costs a call per member, not a
/// read of the business; someone whose business user id is unknown and who has no invitation is answered by a full read
/// (Meta cannot look business users up by email), never as absent.
/// </summary>
public sealed class MetaMemberReadTests(MetaConnectorFixture fixture) : IClassFixture<MetaConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reading_a_member_and_an_invitee_of_a_1000_member_business_costs_one_call_each()
    {
        var business = fixture.Emulator.Business;
        for (var i = 0; i < 1000; i++)
        {
            business.SeedUser($"u{i:D4}@example.com");
        }

        business.SeedInvite("new.hire@example.com", "ADMIN");
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider(), adjust: o => o with { Assets = [] });
        var all = await connector.ReadAsync(CancellationToken.None);
        fixture.Emulator.Calls.Clear();

        var read = await connector.ReadMembersAsync(
            [new MemberLookup("u0500@example.com", "u0500@example.com", all.Members["u0500@example.com"]), new MemberLookup("new.hire@example.com", "new.hire@example.com", null)],
            CancellationToken.None);

        Assert.Null(read.Whole);
        Assert.Equal(2, fixture.Emulator.Calls.All.Count);
        Assert.Equal((MemberState.Active, "EMPLOYEE"), (read.Members["u0500@example.com"]!.State, read.Members["u0500@example.com"]!.NativeRole));
        Assert.Equal((MemberState.Invited, "ADMIN"), (read.Members["new.hire@example.com"]!.State, read.Members["new.hire@example.com"]!.NativeRole));
    }

    [Fact]
    public async Task A_removed_member_reads_as_absent_and_one_whose_id_is_unknown_is_answered_by_a_full_read()
    {
        var business = fixture.Emulator.Business;
        business.SeedUser("gone@example.com");
        business.SeedUser("accepted@example.com");
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider(), adjust: o => o with { Assets = [] });
        var gone = (await connector.ReadAsync(CancellationToken.None)).Members["gone@example.com"];
        business.Delete(gone.AppUserId!);

        var read = await connector.ReadMembersAsync([new MemberLookup(gone.Key, gone.Email, gone)], CancellationToken.None);
        var unknown = await connector.ReadMembersAsync([new MemberLookup("accepted@example.com", "accepted@example.com", null)], CancellationToken.None);

        Assert.Null(read.Members[gone.Key]);
        Assert.NotNull(unknown.Whole);
        Assert.Equal(MemberState.Active, unknown.Members["accepted@example.com"]!.State);
    }
}
