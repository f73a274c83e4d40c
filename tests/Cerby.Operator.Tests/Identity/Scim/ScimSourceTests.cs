using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Scim;
using Cerby.Operator.Planning;
using Cerby.Operator.Tests.Identity.Okta;
using Microsoft.Extensions.Time.Testing;
using static Cerby.Operator.Planning.AccessChangeKind;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>The identity source over the store: unknown is never empty, restarts protect access, waits end on pushes.</summary>
public sealed class ScimSourceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_bound_group_not_pushed_yet_is_unknown_and_nobody_loses_access()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));
        var world = IdentityAccessWorld.Scim().Team("Social Editors", "Editor").Team("Social Admins", "Admin", groupId: "00g-admins");

        var read = await host.Source.ReadAsync(world.BoundGroups, None);

        var byName = read.Groups.Single(g => g.Reference.DisplayName == "Social Editors");
        Assert.Equal(GroupLookupOutcome.NotFound, byName.Outcome);
        Assert.Contains("group \"Social Editors\" has not been pushed yet", byName.Problem);
        var byId = read.Groups.Single(g => g.Reference.Id == "00g-admins");
        Assert.Contains("group 00g-admins has not been pushed yet", byId.Problem);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups["00g-admins"].State);
        var model = world.Model(read.Directory);
        var plan = IdentityAccessWorld.Plan(model, "alice", "bob");
        Assert.DoesNotContain(plan.Changes, c => c.Kind.NarrowsAccess());
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == "bob@example.com");
    }

    [Fact]
    public async Task After_a_restart_the_store_is_empty_so_everything_is_unknown_until_the_idp_pushes_again()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var world = IdentityAccessWorld.Scim().Team("Social Editors", "Editor");
        var restarted = new ScimRegistry(TimeProvider.System, new CapturedLog()).Register(ScimEndpointHost.IdpKey, ScimEndpointHost.Token);

        var read = await restarted.ReadAsync(world.BoundGroups, None);

        Assert.False(read.Directory.UsersKnown);
        Assert.Contains("pushed nothing", read.UsersProblem);
        Assert.Equal(GroupLookupOutcome.NotFound, Assert.Single(read.Groups).Outcome);
        var plan = IdentityAccessWorld.Plan(world.Model(read.Directory), "alice");
        Assert.DoesNotContain(plan.Changes, c => c.Kind.NarrowsAccess());
    }

    [Fact]
    public async Task A_group_naming_users_not_pushed_yet_is_unknown_until_they_are()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var world = IdentityAccessWorld.Scim().Team("Social Editors", "Editor");
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));
        var editors = await host.CreateGroupAsync($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Social Editors",
             "members":[{"value":"{{alice}}"},{"value":"not-pushed-yet"}]}
            """);

        var read = await host.Source.ReadAsync(world.BoundGroups, None);

        var lookup = Assert.Single(read.Groups);
        Assert.Equal(GroupLookupOutcome.MembersUnreadable, lookup.Outcome);
        Assert.Contains("1 member(s) the IdP has not pushed", lookup.Problem);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[editors].State);

        await host.PatchAsync($"Groups/{editors}", EntraRemoveMember("not-pushed-yet"));
        var update = await host.Source.PollAsync(read.Directory, None);
        Assert.Equal(MembershipState.Known, Assert.Single(update.Groups).State);
    }

    [Fact]
    public async Task A_group_bound_by_its_scim_id_while_it_carries_an_externalId_says_which_id_to_bind()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var group = await host.CreateGroupAsync(EntraCreateGroup("Marketing", "oid-marketing"));

        var read = await host.Source.ReadAsync([new() { Id = group }, new() { Id = "oid-marketing" }], None);

        Assert.Equal(GroupLookupOutcome.NotFound, read.Groups[0].Outcome);
        Assert.Contains("bind by that id", read.Groups[0].Problem);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[group].State);
        Assert.Equal((GroupLookupOutcome.Read, "oid-marketing"), (read.Groups[1].Outcome, read.Groups[1].GroupId));
    }

    [Fact]
    public async Task Poll_returns_only_what_changed_since_the_last_read_or_poll()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));
        await host.CreateUserAsync(OktaCreateUser("bob@example.com", "Bob", "Roe", "00u2"));
        var read = await host.Source.ReadAsync([], None);

        Assert.True((await host.Source.PollAsync(read.Directory, None)).IsEmpty);
        await host.PatchAsync($"Users/{alice}", OktaSetActive(false));
        var first = await host.Source.PollAsync(read.Directory, None);
        var second = await host.Source.PollAsync(first.ApplyTo(read.Directory), None);

        Assert.Equal([alice], first.Users.Select(u => u.Id));
        Assert.True(second.IsEmpty);

        var etag = (await host.GetAsync($"Users/{alice}")).ETag;
        await host.PatchAsync($"Users/{alice}", OktaSetActive(false)); // Okta retries: nothing changes
        Assert.Equal(etag, (await host.GetAsync($"Users/{alice}")).ETag);
        Assert.True((await host.Source.PollAsync(read.Directory, None)).IsEmpty);
    }

    [Fact]
    public async Task Wait_ends_when_a_push_arrives()
    {
        await using var host = await ScimEndpointHost.StartAsync(options: new ScimEndpointOptions(TimeSpan.FromHours(1)));
        await host.Source.ReadAsync([], None);
        var waiting = host.Source.WaitForChangesAsync(None);
        Assert.False(waiting.IsCompleted);

        await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));

        await Eventually.Within(waiting);
        var update = await host.Source.PollAsync(IdpDirectory.Unreadable(ScimEndpointHost.IdpKey), None);
        Assert.Single(update.Users);
        using var stop = new CancellationTokenSource();
        var next = host.Source.WaitForChangesAsync(stop.Token);
        Assert.False(next.IsCompleted); // caught up: the next wait is for the next push
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(next));
    }

    [Fact]
    public async Task Wait_ends_after_the_fallback_interval_on_the_time_provider()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var registry = new ScimRegistry(time, new CapturedLog(), new ScimEndpointOptions(TimeSpan.FromSeconds(30)));
        var source = registry.Register(ScimEndpointHost.IdpKey, ScimEndpointHost.Token);
        await source.ReadAsync([], None);

        var waiting = source.WaitForChangesAsync(None);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.Within(waiting);
        using var cancel = new CancellationTokenSource();
        var cancelled = source.WaitForChangesAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(cancelled));
    }

    [Fact]
    public async Task Registering_again_keeps_the_store_and_switches_the_token()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));

        var source = host.Registry.Register(ScimEndpointHost.IdpKey, "rotated-token");

        Assert.Single((await source.ReadAsync([], None)).Directory.Users);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await host.GetAsync("Users")).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, "Users", token: "rotated-token")).Status);
        Assert.Throws<ArgumentException>(() => host.Registry.Register("no-namespace", "t"));
        Assert.Throws<ArgumentException>(() => host.Registry.Register("default/x", " "));
        Assert.False(host.Registry.Unregister("default/never"));
    }

    [Fact]
    public async Task Users_are_matched_by_primary_email_then_userName()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var primary = await host.CreateUserAsync("""
            {"userName":"jdoe","emails":[{"value":"other@example.com","type":"home"},{"value":"John.Doe@Example.com","type":"work","primary":true}]}
            """);
        var login = await host.CreateUserAsync("""{"UserName":"mary@example.com","Active":"False"}""");
        var plain = await host.CreateUserAsync("""{"userName":"svc-account"}""");

        var users = (await host.Source.ReadAsync([], None)).Directory.Users;

        Assert.Equal(("John.Doe@Example.com", "john.doe@example.com"), (users[primary].Email, users[primary].Key));
        Assert.Equal(("mary@example.com", UserLifecycle.Deactivated), (users[login].Email, users[login].Lifecycle));
        Assert.Equal(("svc-account", UserLifecycle.Active), (users[plain].Email, users[plain].Lifecycle));
    }
}
