using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>
/// Work proportional to the change: what the System Log says changed is applied without re-reading the group, counted
/// at the emulator in Okta calls; only what an event cannot say exactly is read again.
/// </summary>
public sealed class OktaIncrementalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(50)]
    [InlineData(500)]
    [InlineData(1500)]
    public async Task One_join_or_leave_costs_at_most_3_okta_calls_whatever_the_group_size(int size)
    {
        await using var okta = await OktaFixture.StartAsync();
        var everyone = okta.Org.CreateGroup("Everyone");
        var members = Enumerable.Range(0, size).Select(i => okta.Org.CreateUser($"user{i:D4}@example.com")).ToList();
        foreach (var member in members)
        {
            okta.Org.AddToGroup(everyone, member);
        }

        var world = IdentityAccessWorld.Okta().Team("Everyone", "Editor");
        var read = await okta.ReadAsync(null, "Everyone");
        var model = world.Model(read.Directory);
        var cursor = await OktaSeedFlowTests.CatchUpAsync(okta, read.Directory);

        var newcomer = okta.Org.CreateUser("newcomer@example.com"); // not in the directory yet: its profile is read once
        okta.Org.AddToGroup(everyone, newcomer);
        var (join, joinCalls) = await CountedAsync(okta, () => okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None));
        model = model.Apply(join.Update.Change(OktaFixture.IdpKey)).Model;
        var directory = join.Update.ApplyTo(read.Directory);

        okta.Org.RemoveFromGroup(everyone, members[size / 2]);
        var (leave, leaveCalls) = await CountedAsync(okta, () => okta.Feed.PollAsync(directory, null, join.Next, CancellationToken.None));
        model = model.Apply(leave.Update.Change(OktaFixture.IdpKey)).Model;

        output.WriteLine($"{size} members: join {joinCalls.Count} Okta calls ({string.Join(", ", joinCalls)}), leave {leaveCalls.Count} Okta calls");
        Assert.True(joinCalls.Count <= 3, string.Join("\n", joinCalls));
        Assert.True(leaveCalls.Count <= 3, string.Join("\n", leaveCalls));
        Assert.DoesNotContain(joinCalls.Concat(leaveCalls), c => c.Contains($"/groups/{everyone}/users", StringComparison.Ordinal));
        var roles = IdentityAccessWorld.Roles(model);
        Assert.Equal("Editor", roles["newcomer@example.com"]);
        Assert.False(roles.ContainsKey($"user{size / 2:D4}@example.com"));
        Assert.Equal(size, roles.Count); // size - 1 left + 1 joined
        Assert.Equal(okta.Org.Read(v => v.Groups[everyone].Members.Order(StringComparer.Ordinal).ToList()),
            leave.Update.ApplyTo(directory).Groups[everyone].MemberIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Suspension_deactivation_and_deletion_update_the_user_without_a_read_and_reactivation_reads_it_once()
    {
        await using var okta = await OktaFixture.StartAsync();
        var alice = okta.Org.CreateUser("alice@example.com", "ACTIVE", ("department", "Brand"));
        var bob = okta.Org.CreateUser("bob@example.com");
        var carol = okta.Org.CreateUser("carol@example.com");
        var read = await okta.ReadAsync();
        var cursor = await OktaSeedFlowTests.CatchUpAsync(okta, read.Directory);

        okta.Org.Suspend(alice);
        okta.Org.Deactivate(bob);
        okta.Org.Deactivate(carol);
        okta.Org.Delete(carol);
        var (narrowed, calls) = await CountedAsync(okta, () => okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None));

        Assert.All(calls, c => Assert.StartsWith("GET /api/v1/logs", c, StringComparison.Ordinal));
        var users = narrowed.Update.Users.ToDictionary(u => u.Id);
        Assert.Equal(UserLifecycle.Suspended, users[alice].Lifecycle);
        Assert.Equal("Brand", users[alice].Profile["department"]); // the rest of the user is as known
        Assert.Equal(UserLifecycle.Deactivated, users[bob].Lifecycle);
        Assert.Equal(UserLifecycle.Deleted, users[carol].Lifecycle);
        Assert.Equal("carol@example.com", users[carol].Email);

        var directory = narrowed.Update.ApplyTo(read.Directory);
        okta.Org.Unsuspend(alice);
        var (widened, widenCalls) = await CountedAsync(okta, () => okta.Feed.PollAsync(directory, null, narrowed.Next, CancellationToken.None));

        Assert.Single(widenCalls, c => c.StartsWith($"GET /api/v1/users/{alice}", StringComparison.Ordinal));
        Assert.Equal(UserLifecycle.Active, Assert.Single(widened.Update.Users).Lifecycle);
    }

    [Fact]
    public async Task An_event_for_a_group_whose_membership_is_unknown_reads_that_group_only()
    {
        await using var okta = await OktaFixture.StartAsync();
        var known = okta.Org.CreateGroup("Known Team");
        var unknown = okta.Org.CreateGroup("Unknown Team");
        var alice = okta.Org.CreateUser("alice@example.com");
        var bob = okta.Org.CreateUser("bob@example.com");
        okta.Emulator.Faults.Fail(times: 4, status: 500, pathContains: $"/groups/{unknown}/users");
        var read = await okta.ReadAsync(null, "Known Team", "Unknown Team");
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[unknown].State);
        var cursor = await OktaSeedFlowTests.CatchUpAsync(okta, read.Directory);

        okta.Org.AddToGroup(known, alice);
        okta.Org.AddToGroup(unknown, bob);
        var (poll, calls) = await CountedAsync(okta, () => okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None));

        Assert.Single(calls, c => c.Contains("/groups/", StringComparison.Ordinal));
        Assert.Single(calls, c => c.StartsWith($"GET /api/v1/groups/{unknown}/users", StringComparison.Ordinal));
        var groups = poll.Update.Groups.ToDictionary(g => g.Id);
        Assert.Equal([alice], groups[known].MemberIds);
        Assert.Equal([bob], groups[unknown].MemberIds);
        Assert.Equal(MembershipState.Known, groups[unknown].State);
    }

    [Fact]
    public async Task A_membership_event_without_a_successful_outcome_is_not_applied_as_a_change()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        var alice = okta.Org.CreateUser("alice@example.com");
        var read = await okta.ReadAsync(null, "Social Editors");
        var feed = new OktaChangeFeed(okta.Client, TimeProvider.System, okta.Log);
        IReadOnlyList<OktaLogTarget> targets = [new(alice, "User", "alice@example.com"), new(editors, "UserGroup", null)];
        var later = DateTimeOffset.UtcNow.AddSeconds(1);

        var failed = await feed.ApplyAsync(read.Directory, null, [new("e1", later, "group.user_membership.add", targets, new OktaLogOutcome("FAILURE"))], CancellationToken.None);
        var (unsure, unsureCalls) = await CountedAsync(okta, () => feed.ApplyAsync(read.Directory, null, [new("e2", later, "group.user_membership.add", targets)], CancellationToken.None));

        Assert.True(failed.Update.IsEmpty);
        Assert.Single(unsureCalls, c => c.StartsWith($"GET /api/v1/groups/{editors}/users", StringComparison.Ordinal)); // no outcome: read, never guessed
        Assert.Empty(Assert.Single(unsure.Update.Groups).MemberIds); // Okta says alice is not a member
    }

    [Fact]
    public async Task A_poll_with_no_cursor_asks_for_a_full_read_instead_of_guessing_what_it_missed()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        var read = await okta.ReadAsync(null, "Social Editors");
        await using var source = new OktaIdentitySource(okta.Client, OktaFixture.IdpKey, null, TimeSpan.FromSeconds(2), TimeProvider.System, okta.Log);
        okta.Org.AddToGroup(editors, okta.Org.CreateUser("alice@example.com"));

        var update = await source.PollAsync(read.Directory, CancellationToken.None);

        Assert.True(update.FullReadNeeded);
        Assert.True(update.IsEmpty);
    }

    private static async Task<(T Result, List<string> Calls)> CountedAsync<T>(OktaFixture okta, Func<Task<T>> action)
    {
        var before = okta.Emulator.Requests.Count;
        var result = await action();
        return (result, okta.Emulator.Requests.Skip(before).ToList());
    }
}
