using System.Net;
using Cerby.Operator.Identity;
using Cerby.Operator.Planning;
using Cerby.Operator.Tests.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>The seed flows driven by Entra ID's provisioning service (legacy and compliant PATCH) against the inbound endpoint.</summary>
public sealed class ScimEntraFlowTests
{
    private const string GroupObjectId = "5f0c9b1e-2a4d-4c1e-9d5b-0b7e3a1f2c44";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Entra_provisioning_join_disable_leave_and_hard_delete_follow_into_the_access_model()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var world = IdentityAccessWorld.Scim().Team("Marketing Editors", "Editor", groupId: GroupObjectId);

        // Entra matches by externalId/userName before creating, and by displayName (members excluded) for groups.
        var probe = await host.GetAsync("Users?" + Filter("externalId", "a1b2c3d4-0000-0000-0000-00000000000a"));
        Assert.Equal((HttpStatusCode.OK, 0), (probe.Status, probe.Body!["totalResults"]!.GetValue<int>()));
        var users = new Dictionary<string, string>();
        foreach (var name in new[] { "alice", "bob", "carol", "dave" })
        {
            users[name] = await host.CreateUserAsync(EntraCreateUser($"{name}@example.com", $"oid-{name}", "Marketing"));
        }

        var groupProbe = await host.GetAsync("Groups?excludedAttributes=members&" + Filter("displayName", "Marketing Editors"));
        Assert.Equal(0, groupProbe.Body!["totalResults"]!.GetValue<int>());
        var group = await host.CreateGroupAsync(EntraCreateGroup("Marketing Editors", GroupObjectId));
        var added = await host.PatchAsync($"Groups/{group}", EntraAddMembers(users["alice"], users["bob"], users["carol"], users["dave"]));
        Assert.Equal(HttpStatusCode.NoContent, added.Status);

        var read = await host.Source.ReadAsync(world.BoundGroups, None);
        var model = world.Model(read.Directory);
        Assert.Equal(GroupLookupOutcome.Read, Assert.Single(read.Groups).Outcome);
        Assert.Equal(GroupObjectId, read.Groups[0].GroupId); // bound by the Entra object id (externalId)
        Assert.Equal(4, IdentityAccessWorld.Roles(model).Count);
        Assert.Equal("Marketing", read.Directory.Users[users["alice"]].Profile["department"]);

        var found = await host.GetAsync("Groups?excludedAttributes=members&" + Filter("displayName", "marketing editors"));
        var listed = Assert.Single(found.Body!["Resources"]!.AsArray())!;
        Assert.Equal(group, listed["id"]!.GetValue<string>());
        Assert.Null(listed["members"]);

        Assert.Equal(HttpStatusCode.OK, (await host.PatchAsync($"Users/{users["alice"]}", EntraLegacySetActive("False"))).Status); // disable
        Assert.Equal(HttpStatusCode.NoContent, (await host.PatchAsync($"Groups/{group}", EntraRemoveMember(users["bob"]))).Status); // leave
        Assert.Equal(HttpStatusCode.NoContent, (await host.PatchAsync($"Groups/{group}", EntraLegacyRemoveMembers(users["carol"]))).Status); // leave, legacy
        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"Users/{users["dave"]}")).Status); // hard delete

        var update = await host.Source.PollAsync(read.Directory, None);
        model = model.Apply(update.Change(ScimEndpointHost.IdpKey)).Model;
        Assert.Equal(UserLifecycle.Deactivated, update.Users.Single(u => u.Id == users["alice"]).Lifecycle);
        var dave = update.Users.Single(u => u.Id == users["dave"]);
        Assert.Equal((UserLifecycle.Deleted, "dave@example.com"), (dave.Lifecycle, dave.Email));
        var membership = Assert.Single(update.Groups);
        Assert.Equal(MembershipState.Known, membership.State);
        Assert.Equal([users["alice"]], membership.MemberIds);
        Assert.Empty(IdentityAccessWorld.Roles(model));
        IdentityAccessWorld.Plan(model, "alice", "bob", "carol", "dave").OnlyChanges((Remove, "alice"), (Remove, "bob"), (Remove, "carol"), (Remove, "dave"));

        // The deleted user stays deleted in later full reads (so deprovisioning is never forgotten) and is gone for SCIM clients.
        var again = await host.Source.ReadAsync(world.BoundGroups, None);
        Assert.Equal(UserLifecycle.Deleted, again.Directory.Users[users["dave"]].Lifecycle);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"Users/{users["dave"]}")).Status);
        Assert.Equal(0, (await host.GetAsync("Users?" + Filter("userName", "dave@example.com"))).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Entra_compliant_replace_updates_profile_and_enterprise_attributes()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var alice = await host.CreateUserAsync(EntraCreateUser("alice@example.com", "oid-alice", "Marketing"));
        var read = await host.Source.ReadAsync([], None);

        var replaced = await host.PatchAsync($"Users/{alice}", EntraCompliantReplace("Alicia", "Brand"));

        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal("Brand", replaced.Body![Enterprise]!["department"]!.GetValue<string>());
        Assert.Equal("Alicia", replaced.Body["name"]!["givenName"]!.GetValue<string>());
        Assert.Equal("Example", replaced.Body["name"]!["familyName"]!.GetValue<string>());
        var user = Assert.Single((await host.Source.PollAsync(read.Directory, None)).Users);
        Assert.Equal("Brand", user.Profile["department"]);
        Assert.Equal("Brand", user.Profile[Enterprise + ":department"]);
        Assert.Equal("Alicia", user.Profile["name.givenName"]);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal(UserLifecycle.Active, user.Lifecycle);
    }

    [Fact]
    public async Task Entra_legacy_single_attribute_ops_and_string_booleans_are_accepted()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var bob = await host.CreateUserAsync(EntraCreateUser("bob@example.com", "oid-bob", "Growth"));
        const string Legacy = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Replace","path":"displayName","value":"Bobby"},
              {"op":"Add","path":"emails[type eq \"work\"].value","value":"robert@example.com"},
              {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Brand"},
              {"op":"Add","path":"title","value":"Lead"},
              {"op":"Replace","path":"active","value":"True"}]}
            """;

        var patched = await host.PatchAsync($"Users/{bob}", Legacy);

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var body = patched.Body!;
        Assert.Equal("Bobby", body["displayName"]!.GetValue<string>());
        Assert.Equal("robert@example.com", body["emails"]![0]!["value"]!.GetValue<string>());
        Assert.Single(body["emails"]!.AsArray());
        Assert.Equal("Brand", body[Enterprise]!["department"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
        var read = await host.Source.ReadAsync([], None);
        Assert.Equal("robert@example.com", read.Directory.Users[bob].Email);
        Assert.Equal("Lead", read.Directory.Users[bob].Profile["title"]);
    }
}
