using System.Net;
using Cerby.Operator.Identity;
using Cerby.Operator.Planning;
using Cerby.Operator.Tests.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>The seed flows driven by Okta's SCIM client (provisioning and Group Push) against the inbound endpoint.</summary>
public sealed class ScimOktaFlowTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Okta_create_then_group_push_join_move_and_leave_follow_into_the_access_model()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var world = IdentityAccessWorld.Scim().Team("Social Editors", "Editor").Team("Social Admins", "Admin");

        // Okta looks the user up first and expects an empty ListResponse, then creates.
        var lookup = await host.GetAsync("Users?" + Filter("userName", "alice@example.com") + "&startIndex=1&count=100");
        Assert.Equal(HttpStatusCode.OK, lookup.Status);
        Assert.Equal(0, lookup.Body!["totalResults"]!.GetValue<int>());
        Assert.Empty(lookup.Body["Resources"]!.AsArray());
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1alice"));
        var bob = await host.CreateUserAsync(OktaCreateUser("bob@example.com", "Bob", "Roe", "00u1bob"));
        var editors = await host.CreateGroupAsync(OktaCreateGroup("Social Editors"));
        var admins = await host.CreateGroupAsync(OktaCreateGroup("Social Admins"));
        Assert.Equal(HttpStatusCode.NoContent, (await host.PatchAsync($"Groups/{editors}", OktaGroupMembers([], [(alice, "alice@example.com")]))).Status);

        var read = await host.Source.ReadAsync(world.BoundGroups, None);
        var model = world.Model(read.Directory);
        Assert.All(read.Groups, g => Assert.Equal(GroupLookupOutcome.Read, g.Outcome));
        Assert.Equal(MembershipState.Known, read.Directory.Groups[editors].State);
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Editor" }, IdentityAccessWorld.Roles(model));

        // join
        await host.PatchAsync($"Groups/{editors}", OktaGroupMembers([], [(bob, "bob@example.com")]));
        var joined = await host.Source.PollAsync(read.Directory, None);
        (model, var affected) = model.Apply(joined.Change(ScimEndpointHost.IdpKey));
        Assert.Contains(IdentityAccessWorld.Hub, affected);
        Assert.Equal("Editor", IdentityAccessWorld.Roles(model)["bob@example.com"]);

        // move: add to the new group first, then leave the old one (Okta sends remove and add in one PATCH too)
        await host.PatchAsync($"Groups/{admins}", OktaGroupMembers([], [(alice, "alice@example.com")]));
        var directory = joined.ApplyTo(read.Directory);
        var promoted = await host.Source.PollAsync(directory, None);
        model = model.Apply(promoted.Change(ScimEndpointHost.IdpKey)).Model;
        Assert.Equal("Admin", IdentityAccessWorld.Roles(model)["alice@example.com"]);
        await host.PatchAsync($"Groups/{editors}", OktaGroupMembers([alice], []));
        var moved = await host.Source.PollAsync(promoted.ApplyTo(directory), None);
        model = model.Apply(moved.Change(ScimEndpointHost.IdpKey)).Model;
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Admin", ["bob@example.com"] = "Editor" }, IdentityAccessWorld.Roles(model));

        // leave
        await host.PatchAsync($"Groups/{editors}", OktaGroupMembers([bob], []));
        var left = await host.Source.PollAsync(moved.ApplyTo(promoted.ApplyTo(directory)), None);
        model = model.Apply(left.Change(ScimEndpointHost.IdpKey)).Model;
        Assert.Equal(["alice@example.com"], IdentityAccessWorld.Roles(model).Keys);
        Assert.Equal(MembershipState.Known, Assert.Single(left.Groups).State);
        var plan = IdentityAccessWorld.Plan(model, "alice", "bob");
        Assert.Contains(plan.Changes, c => c.Kind == Remove && c.Email == "bob@example.com");
        Assert.DoesNotContain(plan.Changes, c => c.Kind == Remove && c.Email == "alice@example.com");
    }

    [Fact]
    public async Task Okta_deactivation_by_patch_and_by_put_takes_access_away_and_reactivation_gives_it_back()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var world = IdentityAccessWorld.Scim().Team("Social Editors", "Editor");
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1alice"));
        var bob = await host.CreateUserAsync(OktaCreateUser("bob@example.com", "Bob", "Roe", "00u1bob"));
        var editors = await host.CreateGroupAsync(OktaCreateGroup("Social Editors"));
        await host.PatchAsync($"Groups/{editors}", OktaGroupMembers([], [(alice, "alice@example.com"), (bob, "bob@example.com")]));
        var read = await host.Source.ReadAsync(world.BoundGroups, None);
        var model = world.Model(read.Directory);
        Assert.Equal(2, IdentityAccessWorld.Roles(model).Count);

        var patched = await host.PatchAsync($"Users/{alice}", OktaSetActive(false));
        Assert.True(patched.Status == HttpStatusCode.OK, patched.Text);
        Assert.False(patched.Body!["active"]!.GetValue<bool>());
        var put = await host.PutAsync($"Users/{bob}", OktaPutUser(bob, "bob@example.com", "Robert", "Roe", "00u1bob", active: false));
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("Robert", put.Body!["name"]!["givenName"]!.GetValue<string>());

        var update = await host.Source.PollAsync(read.Directory, None);
        model = model.Apply(update.Change(ScimEndpointHost.IdpKey)).Model;
        Assert.Equal(UserLifecycle.Deactivated, update.Users.Single(u => u.Id == alice).Lifecycle);
        var robert = update.Users.Single(u => u.Id == bob);
        Assert.Equal((UserLifecycle.Deactivated, "Robert"), (robert.Lifecycle, robert.Profile["name.givenName"]));
        Assert.Empty(IdentityAccessWorld.Roles(model));
        IdentityAccessWorld.Plan(model, "alice", "bob").OnlyChanges((Remove, "alice"), (Remove, "bob"));

        await host.PatchAsync($"Users/{alice}", OktaSetActive(true));
        var back = await host.Source.PollAsync(update.ApplyTo(read.Directory), None);
        model = model.Apply(back.Change(ScimEndpointHost.IdpKey)).Model;
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Editor" }, IdentityAccessWorld.Roles(model));
    }

    [Fact]
    public async Task Okta_user_is_stored_without_its_password_and_answered_with_meta()
    {
        await using var host = await ScimEndpointHost.StartAsync();

        var created = await host.PostAsync("Users", OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1alice"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("application/scim+json", created.MediaType);
        var body = created.Body!;
        var meta = body["meta"]!;
        Assert.Equal("User", meta["resourceType"]!.GetValue<string>());
        Assert.Equal(new Uri(host.Client.BaseAddress!, $"Users/{created.Id}"), new Uri(meta["location"]!.GetValue<string>()));
        Assert.Equal(created.Location, new Uri(meta["location"]!.GetValue<string>()));
        Assert.Equal(meta["version"]!.GetValue<string>(), created.ETag);
        Assert.True(DateTimeOffset.TryParse(meta["created"]!.GetValue<string>(), out _));
        Assert.Equal(meta["created"]!.GetValue<string>(), meta["lastModified"]!.GetValue<string>());
        Assert.DoesNotContain("password", created.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Okta-Generated-Pa55!", (await host.GetAsync($"Users/{created.Id}")).Text, StringComparison.Ordinal);
        Assert.Equal("00u1alice", body["externalId"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());

        var renamed = await host.PutAsync($"Users/{created.Id}", OktaPutUser(created.Id, "alice@example.com", "Alicia", "Doe", "00u1alice", active: true));
        Assert.NotEqual(created.ETag, renamed.ETag);
        Assert.Equal(meta["created"]!.GetValue<string>(), renamed.Body!["meta"]!["created"]!.GetValue<string>());
    }

    [Fact]
    public async Task Okta_group_push_rename_keeps_the_group_and_its_members()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1alice"));
        var group = await host.CreateGroupAsync(OktaCreateGroup("Cerby Editors"));
        await host.PatchAsync($"Groups/{group}", OktaGroupMembers([], [(alice, "alice@example.com")]));

        Assert.Equal(HttpStatusCode.NoContent, (await host.PatchAsync($"Groups/{group}", OktaRenameGroup(group, "Cerby Content Editors"))).Status);

        var read = await host.Source.ReadAsync([new() { DisplayName = "Cerby Content Editors" }], None);
        Assert.Equal(GroupLookupOutcome.Read, Assert.Single(read.Groups).Outcome);
        Assert.Equal([alice], read.Directory.Groups[group].MemberIds);
        var fetched = await host.GetAsync($"Groups/{group}");
        Assert.Equal("Cerby Content Editors", fetched.Body!["displayName"]!.GetValue<string>());
        Assert.Equal(alice, fetched.Body["members"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"Groups/{group}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"Groups/{group}")).Status);
    }
}
