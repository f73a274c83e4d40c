using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>System Log polling: each change once, even when an event is delivered twice; unknown types ignored; failures repeat the poll.</summary>
public sealed class OktaSystemLogTests
{
    [Fact]
    public async Task Each_change_is_picked_up_exactly_once_even_when_delivered_twice()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        var read = await okta.ReadAsync(null, "Social Editors");
        var cursor = await OktaSeedFlowTests.CatchUpAsync(okta, read.Directory);
        okta.Emulator.Faults.RedeliverLastLogEvent = true;
        var before = okta.Org.Read(v => v.Log.Count);

        var users = Enumerable.Range(0, 3).Select(i => okta.Org.CreateUser($"user{i}@example.com")).ToList();
        foreach (var user in users)
        {
            okta.Org.AddToGroup(editors, user);
        }

        var seen = new List<string>();
        var directory = read.Directory;
        for (var i = 0; i < 4; i++) // several polls: every page ends with a redelivered event
        {
            var poll = await okta.Feed.PollAsync(directory, null, cursor, CancellationToken.None);
            seen.AddRange(poll.Events.Select(e => e.Uuid));
            directory = poll.Update.ApplyTo(directory);
            cursor = poll.Next;
        }

        var expected = okta.Org.Read(v => v.Log.Skip(before).Select(e => e.Uuid).ToList());
        Assert.Equal(expected, seen);
        Assert.Contains(okta.Log.Lines, l => l.Contains("already seen", StringComparison.Ordinal) && !l.Contains("(0 already seen)", StringComparison.Ordinal));
        Assert.Equal(users.Order(StringComparer.Ordinal), directory.Groups[editors].MemberIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unrelated_event_types_change_nothing()
    {
        await using var okta = await OktaFixture.StartAsync();
        var alice = okta.Org.CreateUser("alice@example.com");
        var read = await okta.ReadAsync();
        var cursor = await OktaSeedFlowTests.CatchUpAsync(okta, read.Directory);
        okta.Org.AppendUnrelatedEvent("user.session.start", alice);
        okta.Org.AppendUnrelatedEvent("policy.evaluate_sign_on", alice);

        var poll = await okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None);

        Assert.Equal(2, poll.Events.Count);
        Assert.True(poll.Update.IsEmpty);
    }

    [Fact]
    public async Task A_poll_that_cannot_read_what_changed_is_repeated_and_nothing_is_lost()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        var read = await okta.ReadAsync(null, "Social Editors");
        var cursor = await OktaSeedFlowTests.CatchUpAsync(okta, read.Directory);
        var alice = okta.Org.CreateUser("alice@example.com");
        okta.Org.AddToGroup(editors, alice);
        okta.Emulator.Faults.Fail(times: 4, status: 500, pathContains: $"/users/{alice}"); // the join applies without a read; the new member's profile is read

        await Assert.ThrowsAsync<OktaApiException>(() => okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None));
        var retried = await okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None);

        Assert.Equal([alice], Assert.Single(retried.Update.Groups).MemberIds);
        Assert.Contains(retried.Update.Users, u => u.Id == alice && u.Lifecycle == UserLifecycle.Active);
    }

    [Fact]
    public async Task Suspension_and_profile_changes_are_read_again_from_the_user()
    {
        await using var okta = await OktaFixture.StartAsync();
        var alice = okta.Org.CreateUser("alice@example.com", "ACTIVE", ("department", "Brand"));
        var read = await okta.ReadAsync();
        var cursor = await OktaSeedFlowTests.CatchUpAsync(okta, read.Directory);

        okta.Org.Suspend(alice);
        okta.Org.UpdateProfile(alice, "department", null);
        var poll = await okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None);

        var user = Assert.Single(poll.Update.Users);
        Assert.Equal(UserLifecycle.Suspended, user.Lifecycle);
        Assert.False(user.Profile.ContainsKey("department"));
    }

    [Fact]
    public async Task Activation_unsuspension_and_unassignments_are_seen()
    {
        await using var okta = await OktaFixture.StartAsync();
        var app = okta.Org.CreateApp("Cerby Meta");
        var marketing = okta.Org.CreateGroup("Marketing");
        var alice = okta.Org.CreateUser("alice@example.com");
        var carol = okta.Org.CreateUser("carol@example.com");
        var dave = okta.Org.CreateUser("dave@example.com", "STAGED");
        okta.Org.AssignUser(app, alice);
        okta.Org.AssignGroup(app, marketing, priority: 0, ("role", "Editor"));
        okta.Org.Suspend(carol);
        var read = await okta.ReadAsync(app);
        var cursor = await OktaSeedFlowTests.CatchUpAsync(okta, read.Directory, app);
        Assert.Equal(2, read.Directory.Assignments.Count);
        Assert.Equal("Editor", read.Directory.Assignments.Single(a => a.GroupId == marketing).Profile["role"]);

        okta.Org.Unsuspend(carol);
        okta.Org.Activate(dave);
        okta.Org.UnassignUser(app, alice);
        okta.Org.UnassignGroup(app, marketing);
        var poll = await okta.Feed.PollAsync(read.Directory, app, cursor, CancellationToken.None);

        Assert.Equal([UserLifecycle.Active, UserLifecycle.Active], poll.Update.Users.Where(u => u.Id == carol || u.Id == dave).Select(u => u.Lifecycle));
        Assert.Empty(poll.Update.Assignments!);
    }
}
