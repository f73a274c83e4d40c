using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>Delta rounds over several pages, split member lists, delta links kept, persisted, resumed and expired.</summary>
public sealed class EntraDeltaTests
{
    [Fact]
    public async Task A_round_over_many_pages_with_a_group_split_across_them_is_merged()
    {
        await using var entra = await EntraFixture.StartAsync();
        entra.Emulator.Delta.PageSize = 2;
        entra.Emulator.Delta.MembersPerEntry = 2;
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var source = entra.Source();
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);

        var joined = Enumerable.Range(0, 10).Select(i => entra.Tenant.CreateUser($"user{i:D2}@example.com")).ToList();
        foreach (var user in joined)
        {
            entra.Tenant.AddMember(editors, user);
        }

        entra.Tenant.RemoveMember(editors, joined[4]);
        var before = entra.Emulator.Requests.Count;
        var update = await source.PollAsync(read.Directory, CancellationToken.None);

        var group = Assert.Single(update.Groups);
        Assert.Equal(joined.Where((_, i) => i != 4), group.MemberIds);
        Assert.Equal(MembershipState.Known, group.State);
        Assert.Equal(10, update.Users.Count);
        var rounds = entra.Emulator.Requests.Skip(before).ToList();
        Assert.True(rounds.Count(r => r.Contains("/groups/delta?$skiptoken=", StringComparison.Ordinal)) >= 2, string.Join("\n", rounds)); // 5 entries of 2 member changes, 2 a page
        Assert.True(rounds.Count(r => r.Contains("/users/delta?$skiptoken=", StringComparison.Ordinal)) >= 4); // 10 users, 2 a page
        Assert.DoesNotContain(rounds, r => r.Contains("transitiveMembers", StringComparison.Ordinal)); // applied from members@delta
    }

    [Fact]
    public async Task The_delta_link_advances_with_each_poll_and_a_failed_poll_keeps_it()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var source = entra.Source();
        Assert.Null(source.DeltaLinks);
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        var first = source.DeltaLinks;
        Assert.NotNull(first);
        Assert.StartsWith(entra.Emulator.GraphBaseUrl.AbsoluteUri + "/users/delta?$deltatoken=", first.Users, StringComparison.Ordinal);
        Assert.StartsWith(entra.Emulator.GraphBaseUrl.AbsoluteUri + "/groups/delta?$deltatoken=", first.Groups, StringComparison.Ordinal);

        await source.PollAsync(read.Directory, CancellationToken.None);
        var second = source.DeltaLinks;
        Assert.NotEqual(first, second);

        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        entra.Emulator.Faults.Fail(times: 100, status: 500, pathContains: "/groups/delta");
        await Assert.ThrowsAsync<IdentitySourceException>(() => source.PollAsync(read.Directory, CancellationToken.None));
        Assert.Equal(second, source.DeltaLinks);

        entra.Emulator.Faults.Clear();
        var update = await source.PollAsync(read.Directory, CancellationToken.None); // the failed poll is repeated, not lost
        Assert.Equal(["alice@example.com"], EntraFixture.Members(update.ApplyTo(read.Directory), "Social Editors"));
    }

    [Fact]
    public async Task Persisted_delta_links_resume_after_a_restart_without_a_full_read()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var alice = entra.Tenant.CreateUser("alice@example.com");
        entra.Tenant.AddMember(editors, alice);
        IdpDirectory directory;
        EntraDeltaLinks persisted;
        await using (var before = entra.Source())
        {
            directory = (await before.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None)).Directory;
            persisted = before.DeltaLinks!;
        }

        var bob = entra.Tenant.CreateUser("bob@example.com");
        entra.Tenant.AddMember(editors, bob);
        entra.Tenant.Disable(alice);
        var after = entra.Source();
        after.ResumeFrom(persisted);
        var requests = entra.Emulator.Requests.Count;
        var update = await after.PollAsync(directory, CancellationToken.None);

        var sent = entra.Emulator.Requests.Skip(requests).ToList();
        Assert.Contains(sent, r => r.Contains(persisted.Users[persisted.Users.IndexOf("/users/delta", StringComparison.Ordinal)..], StringComparison.Ordinal));
        Assert.DoesNotContain(sent, r => r.StartsWith("GET /v1.0/users?", StringComparison.Ordinal)); // no full user list
        Assert.Contains(update.Users, u => u.Id == alice && u.Lifecycle == UserLifecycle.Deactivated);
        Assert.Equal(["alice@example.com", "bob@example.com"], EntraFixture.Members(update.ApplyTo(directory), "Social Editors"));
        Assert.NotEqual(persisted, after.DeltaLinks);
    }

    [Fact]
    public async Task Links_for_another_endpoint_are_refused()
    {
        await using var entra = await EntraFixture.StartAsync();
        var source = entra.Source();

        Assert.Throws<ArgumentException>(() => source.ResumeFrom(new EntraDeltaLinks(
            "https://attacker.example/v1.0/users/delta?$deltatoken=x", "https://attacker.example/v1.0/groups/delta?$deltatoken=y")));
        Assert.Null(source.DeltaLinks);
    }

    [Fact]
    public async Task An_expired_delta_token_reads_the_tracked_state_again_and_starts_new_links()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var alice = entra.Tenant.CreateUser("alice@example.com");
        var bob = entra.Tenant.CreateUser("bob@example.com");
        entra.Tenant.AddMember(editors, alice);
        entra.Tenant.AddMember(editors, bob);
        var source = entra.Source();
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        var expired = source.DeltaLinks;

        entra.Emulator.Delta.ExpireTokens();
        entra.Tenant.RemoveMember(editors, bob);
        entra.Tenant.DeleteUser(alice);
        var update = await source.PollAsync(read.Directory, CancellationToken.None);

        Assert.NotEqual(expired, source.DeltaLinks);
        Assert.Contains(entra.Log.Lines, l => l.Contains("syncStateNotFound", StringComparison.Ordinal));
        Assert.Empty(EntraFixture.Members(update.ApplyTo(read.Directory), "Social Editors"));
        Assert.Contains(update.Users, u => u.Id == alice && u.Lifecycle == UserLifecycle.Deleted);
        Assert.True((await source.PollAsync(update.ApplyTo(read.Directory), CancellationToken.None)).IsEmpty); // the new links work
    }

    [Fact]
    public async Task A_deleted_bound_group_becomes_unknown_never_empty()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        var source = entra.Source();
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);

        entra.Tenant.DeleteGroup(editors);
        var update = await source.PollAsync(read.Directory, CancellationToken.None);

        var group = Assert.Single(update.Groups);
        Assert.Equal(MembershipState.Unknown, group.State);
        var reread = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        Assert.Equal(GroupLookupOutcome.NotFound, reread.Groups.Single().Outcome);
    }

    [Fact]
    public async Task A_poll_before_any_read_reads_what_the_caller_tracks()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        var tracked = new IdpDirectory(EntraFixture.IdpKey, true, new Dictionary<string, IdpUser>(),
            new Dictionary<string, IdpGroup> { [editors] = new(editors, "Social Editors", MembershipState.Unknown, [], null) }, true, []);
        var source = entra.Source();

        var update = await source.PollAsync(tracked, CancellationToken.None);

        Assert.NotNull(source.DeltaLinks);
        Assert.Equal(["alice@example.com"], EntraFixture.Members(update.ApplyTo(tracked), "Social Editors"));
    }

    [Fact]
    public async Task Waiting_for_changes_takes_the_poll_interval_on_the_sources_clock()
    {
        await using var entra = await EntraFixture.StartAsync();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = entra.Source(time: time);
        Assert.Equal(TimeSpan.FromSeconds(5), source.PollDelay);

        var waiting = source.WaitForChangesAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually.Within(waiting);

        Assert.True(source.WaitForChangesAsync(CancellationToken.None).IsCompleted, "the poll is due: no second wait before it");

        using var cancel = new CancellationTokenSource();
        var cancelled = entra.Source(time: time).WaitForChangesAsync(cancel.Token); // a fresh source: its first poll is 5 s away
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(cancelled));
    }
}
