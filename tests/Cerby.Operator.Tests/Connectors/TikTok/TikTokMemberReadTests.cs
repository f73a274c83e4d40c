using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.TikTok;

/// <summary>
/// Reading a few people of a Business Center (a hub's verification and confirmation reads) costs one keyword-filtered
/// member list each, not a read of the Business Center, and answers each as the full read does. The keyword filter's
/// fields are not documented, so a person it does not find is answered by a full read, never as absent.
/// </summary>
public sealed class TikTokMemberReadTests(TikTokConnectorFixture fixture) : IClassFixture<TikTokConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_member_and_an_invitee_of_a_1000_member_business_center_cost_one_call_each()
    {
        var connector = await SeedThousandAsync();
        fixture.Emulator.BusinessCenter.Invite(["new.hire@example.com"], "ADMIN", null);
        var all = await connector.ReadAsync(CancellationToken.None);
        fixture.Emulator.Calls.Clear();
        string[] keys = ["u0500@example.com", "new.hire@example.com"];

        var read = await connector.ReadMembersAsync([.. keys.Select(k => new MemberLookup(k, k, all.Members.GetValueOrDefault(k)))], CancellationToken.None);

        Assert.Null(read.Whole);
        Assert.Equal(2, fixture.Emulator.Calls.Reads);
        MemberReadAssert.AnswersAsFullRead(all, read, keys);
        Assert.Equal((MemberState.Invited, "ADMIN"), (read.Members["new.hire@example.com"]!.State, read.Members["new.hire@example.com"]!.NativeRole));
    }

    [Fact]
    public async Task Someone_the_keyword_does_not_find_is_answered_by_a_full_read()
    {
        var connector = await SeedThousandAsync();

        var read = await connector.ReadMembersAsync([new MemberLookup("nobody@example.com", "nobody@example.com", null)], CancellationToken.None);

        Assert.NotNull(read.Whole);
        Assert.Null(read.Members["nobody@example.com"]);
    }

    private async Task<IAppConnector> SeedThousandAsync()
    {
        for (var i = 0; i < 1000; i++)
        {
            fixture.Emulator.BusinessCenter.SeedMember($"u{i:D4}@example.com");
        }

        return await Task.FromResult(fixture.CreateTikTokConnector(new InstantTimeProvider(), adjust: o => o with { Assets = [], PageSize = 100 }));
    }
}
