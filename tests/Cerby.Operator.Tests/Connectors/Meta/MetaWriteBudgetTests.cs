using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>Every change costs at most one write call, counted by the emulator; the reported call count matches it.</summary>
public sealed class MetaWriteBudgetTests(MetaConnectorFixture fixture) : IClassFixture<MetaConnectorFixture>, IAsyncLifetime
{
    private const string Member = "member@example.com";
    private const string Invitee = "invitee@example.com";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_change_kind_makes_at_most_one_write_and_repeating_it_is_harmless()
    {
        var business = fixture.Emulator.Business;
        var userId = business.SeedUser(Member, "EMPLOYEE");
        var inviteId = business.SeedInvite(Invitee);
        var connector = fixture.CreateMetaConnector(new InstantTimeProvider());
        AccessChange[] changes =
        [
            MetaChanges.Invite("fresh@example.com"),
            MetaChanges.Add("other@example.com"),
            MetaChanges.SetRole(AccessChangeKind.RaiseRole, Member, userId, "ADMIN"),
            MetaChanges.Grant(Member, userId, MetaChanges.Page, "CREATE_CONTENT", "ANALYZE"),
            MetaChanges.Grant(Member, userId, MetaChanges.AdAccount, "ANALYZE"),
            MetaChanges.SetRole(AccessChangeKind.LowerRole, Member, userId, "EMPLOYEE"),
            MetaChanges.Narrow(Member, userId, MetaChanges.Page, "ANALYZE"),
            MetaChanges.Revoke(Member, userId, MetaChanges.AdAccount),
            MetaChanges.Change(AccessChangeKind.CancelInvite, Invitee, inviteId),
            MetaChanges.Change(AccessChangeKind.Remove, Member, userId),
        ];

        foreach (var change in changes)
        {
            foreach (var attempt in new[] { "first", "repeat" })
            {
                fixture.Emulator.Calls.Clear();
                var result = await connector.ApplyAsync(change, CancellationToken.None);
                Assert.True(fixture.Emulator.Calls.Writes <= 1, $"{attempt} {change.Kind} made {fixture.Emulator.Calls.Writes} writes");
                Assert.Equal(fixture.Emulator.Calls.All.Count, result.Calls);
                if (attempt == "first")
                {
                    Assert.Equal(ApplyOutcome.Applied, result.Outcome);
                    Assert.Equal(1, fixture.Emulator.Calls.Writes);
                }
            }
        }

        Assert.Empty(business.Users);
        Assert.Equal(["fresh@example.com", "other@example.com"], business.Invites.Select(i => i.Email));
    }
}
