using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>Work proportional to the change: a membership delta is applied from members@delta, never by reading the group, counted in Graph calls.</summary>
public sealed class EntraIncrementalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task One_join_and_one_leave_at_a_1500_member_group_cost_at_most_3_graph_calls_and_no_member_read()
    {
        await using var entra = await EntraFixture.StartAsync();
        var everyone = entra.Tenant.CreateGroup("Everyone");
        var members = Enumerable.Range(0, 1500).Select(i => entra.Tenant.CreateUser($"user{i:D4}@example.com")).ToList();
        foreach (var member in members)
        {
            entra.Tenant.AddMember(everyone, member);
        }

        var source = entra.Source();
        var read = await source.ReadAsync(EntraFixture.Named("Everyone"), CancellationToken.None);
        var directory = (await source.PollAsync(read.Directory, CancellationToken.None)).ApplyTo(read.Directory); // settles the links

        var newcomer = entra.Tenant.CreateUser("newcomer@example.com");
        entra.Tenant.AddMember(everyone, newcomer);
        entra.Tenant.RemoveMember(everyone, members[700]);
        var before = entra.Emulator.Requests.Count;
        var update = await source.PollAsync(directory, CancellationToken.None);
        var calls = entra.Emulator.Requests.Skip(before).Where(r => !r.Contains("/token", StringComparison.Ordinal)).ToList();

        output.WriteLine($"1500 members, one join and one leave: {calls.Count} Graph calls ({string.Join(", ", calls)})");
        Assert.True(calls.Count <= 3, string.Join("\n", calls));
        Assert.DoesNotContain(calls, c => c.Contains("members", StringComparison.OrdinalIgnoreCase) && !c.Contains("/delta", StringComparison.Ordinal));
        var after = update.ApplyTo(directory);
        Assert.Contains("newcomer@example.com", EntraFixture.Members(after, "Everyone"));
        Assert.DoesNotContain("user0700@example.com", EntraFixture.Members(after, "Everyone"));
        Assert.Equal(1500, after.Groups[everyone].MemberIds.Count);
    }
}
