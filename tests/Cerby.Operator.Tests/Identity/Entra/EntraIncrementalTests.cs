using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Planning;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>
/// Work proportional to the change: a membership delta is applied from members@delta, never by reading the group,
/// counted in Graph calls besides the two delta queries of each poll, at groups of 50, 500 and 1,500 members.
/// </summary>
public sealed class EntraIncrementalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(50)]
    [InlineData(500)]
    [InlineData(1500)]
    public async Task One_join_and_one_leave_cost_at_most_3_graph_calls_and_no_member_read(int size)
    {
        await using var entra = await EntraFixture.StartAsync();
        var everyone = entra.Tenant.CreateGroup("Everyone");
        var members = Enumerable.Range(0, size).Select(i => entra.Tenant.CreateUser($"user{i:D4}@example.com")).ToList();
        foreach (var member in members)
        {
            entra.Tenant.AddMember(everyone, member);
        }

        var source = entra.Source();
        var directory = await SettledAsync(source, "Everyone");

        var newcomer = entra.Tenant.CreateUser("newcomer@example.com");
        entra.Tenant.AddMember(everyone, newcomer);
        entra.Tenant.RemoveMember(everyone, members[size / 2]);
        (directory, var calls) = await PollCountingAsync(entra, source, directory);

        output.WriteLine($"{size} members, one join and one leave: {calls.Count} Graph calls besides the delta polls ({string.Join(", ", calls)})");
        AssertCheap(calls);
        Assert.Contains("newcomer@example.com", EntraFixture.Members(directory, "Everyone"));
        Assert.DoesNotContain($"user{size / 2:D4}@example.com", EntraFixture.Members(directory, "Everyone"));
        Assert.Equal(size, directory.Groups[everyone].MemberIds.Count);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(500)]
    [InlineData(1500)]
    public async Task In_a_group_with_a_nested_group_joins_and_leaves_direct_or_through_the_nested_group_cost_at_most_3_graph_calls_each(int size)
    {
        await using var entra = await EntraFixture.StartAsync();
        var everyone = entra.Tenant.CreateGroup("Everyone");
        var contractors = entra.Tenant.CreateGroup("Contractors");
        entra.Tenant.AddMember(everyone, contractors);
        var members = Enumerable.Range(0, size).Select(i => entra.Tenant.CreateUser($"user{i:D4}@example.com")).ToList();
        foreach (var member in members)
        {
            entra.Tenant.AddMember(everyone, member);
        }

        var both = members[1]; // a direct member who is a contractor too
        entra.Tenant.AddMember(contractors, both);
        var source = entra.Source();
        var directory = await SettledAsync(source, "Everyone");
        var costs = new List<int>();

        async Task StepAsync(string what, Action change)
        {
            change();
            (directory, var calls) = await PollCountingAsync(entra, source, directory);
            output.WriteLine($"{size} members and a nested group, {what}: {calls.Count} Graph calls besides the delta polls ({string.Join(", ", calls)})");
            AssertCheap(calls);
            costs.Add(calls.Count);
        }

        var newcomer = entra.Tenant.CreateUser("newcomer@example.com");
        var contractor = entra.Tenant.CreateUser("contractor@example.com");
        await StepAsync("a direct join", () => entra.Tenant.AddMember(everyone, newcomer));
        Assert.Contains("newcomer@example.com", EntraFixture.Members(directory, "Everyone"));

        await StepAsync("a join through the nested group", () => entra.Tenant.AddMember(contractors, contractor));
        Assert.Contains("contractor@example.com", EntraFixture.Members(directory, "Everyone"));

        await StepAsync("a direct leave", () => entra.Tenant.RemoveMember(everyone, members[size / 2]));
        Assert.DoesNotContain($"user{size / 2:D4}@example.com", EntraFixture.Members(directory, "Everyone"));

        await StepAsync("a direct leave of a member still in through the nested group", () => entra.Tenant.RemoveMember(everyone, both));
        Assert.Contains("user0001@example.com", EntraFixture.Members(directory, "Everyone"));

        await StepAsync("a leave from the nested group", () => entra.Tenant.RemoveMember(contractors, contractor));
        Assert.DoesNotContain("contractor@example.com", EntraFixture.Members(directory, "Everyone"));

        Assert.Equal(size, directory.Groups[everyone].MemberIds.Count); // the members and the newcomer, less the one who left ("both" once)
        output.WriteLine($"calls per step: {string.Join(" ", costs)}");
    }

    [Fact]
    public async Task When_the_lookup_of_a_leaver_is_refused_the_group_is_read_instead_and_the_leave_still_lands()
    {
        await using var entra = await EntraFixture.StartAsync();
        var everyone = entra.Tenant.CreateGroup("Everyone");
        var contractors = entra.Tenant.CreateGroup("Contractors");
        entra.Tenant.AddMember(everyone, contractors);
        var alice = entra.Tenant.CreateUser("alice@example.com");
        var bob = entra.Tenant.CreateUser("bob@example.com");
        entra.Tenant.AddMember(everyone, alice);
        entra.Tenant.AddMember(contractors, bob);
        var source = entra.Source();
        var directory = await SettledAsync(source, "Everyone");
        entra.Emulator.Faults.Fail(times: 100, status: 403, pathContains: "/transitiveMemberOf");

        entra.Tenant.RemoveMember(everyone, alice);
        (directory, var calls) = await PollCountingAsync(entra, source, directory);

        output.WriteLine($"lookup refused: {string.Join(", ", calls)}");
        Assert.Contains(calls, c => c.Contains("/transitiveMembers", StringComparison.Ordinal));
        Assert.Equal(["bob@example.com"], EntraFixture.Members(directory, "Everyone"));
    }

    /// <summary>Read, then one poll that settles the delta links: the directory as the watcher holds it.</summary>
    private static async Task<IdpDirectory> SettledAsync(EntraIdentitySource source, string group)
    {
        var read = await source.ReadAsync(EntraFixture.Named(group), CancellationToken.None);
        return (await source.PollAsync(read.Directory, CancellationToken.None)).ApplyTo(read.Directory);
    }

    /// <summary>One poll, applied; the Graph calls it made besides the token and the users and groups delta queries.</summary>
    private static async Task<(IdpDirectory Directory, List<string> Calls)> PollCountingAsync(EntraFixture entra, EntraIdentitySource source, IdpDirectory directory)
    {
        var before = entra.Emulator.Requests.Count;
        var update = await source.PollAsync(directory, CancellationToken.None);
        var calls = entra.Emulator.Requests.Skip(before)
            .Where(r => !r.Contains("/token", StringComparison.Ordinal) && !r.Contains("/delta", StringComparison.Ordinal))
            .ToList();
        return (update.ApplyTo(directory), calls);
    }

    private static void AssertCheap(List<string> calls)
    {
        Assert.True(calls.Count <= 3, string.Join("\n", calls));
        Assert.DoesNotContain(calls, c => c.Contains("/members", StringComparison.Ordinal) || c.Contains("/transitiveMembers", StringComparison.Ordinal));
    }
}
