using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.LinkedIn;

/// <summary>
/// Reading a few people of an ad account (a hub's verification and confirmation reads) costs a GET by key each, plus
/// one page of the account when someone is absent (so an account the token cannot read is an error, never "empty"),
/// and answers each as the full read does.
/// </summary>
public sealed class LinkedInMemberReadTests(LinkedInConnectorFixture fixture) : IClassFixture<LinkedInConnectorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_user_and_an_absent_person_of_a_1000_user_account_cost_three_calls()
    {
        for (var i = 0; i < 1000; i++)
        {
            await fixture.SeedAsync(new PeerMember($"u{i:D4}@example.com", i % 100 == 7 ? "ACCOUNT_MANAGER" : "VIEWER"));
        }

        fixture.People.Declare("gone@example.com");
        fixture.People.Undeclared["stranger@example.com"] = true;
        var connector = fixture.CreateConnector(new InstantTimeProvider());
        var all = await connector.ReadAsync(CancellationToken.None);
        fixture.Emulator.Calls.ClearCounts();
        string[] keys = ["u0007@example.com", "gone@example.com", "stranger@example.com"];

        var read = await connector.ReadMembersAsync([.. keys.Select(k => new MemberLookup(k, k, all.Members.GetValueOrDefault(k)))], CancellationToken.None);

        Assert.Null(read.Whole);
        Assert.Equal(3, fixture.Emulator.Calls.Reads); // two users by key (the stranger has no person), one page of the account
        MemberReadAssert.AnswersAsFullRead(all, read, keys);
        Assert.Equal((MemberState.Active, "ACCOUNT_MANAGER"), (read.Members["u0007@example.com"]!.State, read.Members["u0007@example.com"]!.NativeRole));
        Assert.Null(read.Members["gone@example.com"]);
    }

    [Fact]
    public async Task A_present_user_costs_one_call_and_an_account_the_token_cannot_read_is_an_error_not_empty()
    {
        await fixture.SeedAsync(new PeerMember("ada@example.com", "CAMPAIGN_MANAGER"));
        var connector = fixture.CreateConnector(new InstantTimeProvider());
        IAppConnector elsewhere = fixture.CreateLinkedInConnector(new InstantTimeProvider(), adjust: o => o with { AdAccountId = "999" });
        fixture.Emulator.Calls.ClearCounts();

        var read = await connector.ReadMembersAsync([new MemberLookup("ada@example.com", "ada@example.com", null)], CancellationToken.None);
        var reads = fixture.Emulator.Calls.Reads;
        var error = await Assert.ThrowsAsync<ConnectorException>(() => elsewhere.ReadMembersAsync([new MemberLookup("ada@example.com", "ada@example.com", null)], CancellationToken.None));

        Assert.Equal(1, reads);
        Assert.Equal((MemberState.Active, "CAMPAIGN_MANAGER"), (read.Members["ada@example.com"]!.State, read.Members["ada@example.com"]!.NativeRole));
        Assert.Equal(404, error.StatusCode);
    }
}
