using System.Net;
using Cerby.Operator.Identity;
using Cerby.Operator.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>Group Push shapes beyond single add/remove: combined PATCHes, full replacement, deletion; and concurrent pushes.</summary>
public sealed class ScimGroupPushTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Removal_and_addition_in_one_patch_and_a_full_members_replace()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var ids = new Dictionary<string, string>();
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            ids[name] = await host.CreateUserAsync(OktaCreateUser($"{name}@example.com", name, "X", $"00u-{name}"));
        }

        var group = await host.CreateGroupAsync(OktaCreateGroup("Social Editors"));
        await host.PatchAsync($"Groups/{group}", OktaGroupMembers([], [(ids["alice"], "alice@example.com"), (ids["bob"], "bob@example.com")]));

        Assert.Equal(HttpStatusCode.NoContent, (await host.PatchAsync($"Groups/{group}", OktaGroupMembers([ids["alice"]], [(ids["carol"], "carol@example.com")]))).Status);
        Assert.Equal([ids["bob"], ids["carol"]], await MembersAsync(host, group));

        var replace = $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"members","value":[{"value":"{{ids["alice"]}}"}]}]}
            """;
        Assert.Equal(HttpStatusCode.NoContent, (await host.PatchAsync($"Groups/{group}", replace)).Status);
        Assert.Equal([ids["alice"]], await MembersAsync(host, group));

        // Adding a member twice keeps one; removing one that is not there succeeds (IdPs retry).
        await host.PatchAsync($"Groups/{group}", EntraAddMembers(ids["alice"]));
        Assert.Equal(HttpStatusCode.NoContent, (await host.PatchAsync($"Groups/{group}", EntraRemoveMember(ids["bob"]))).Status);
        Assert.Equal([ids["alice"]], await MembersAsync(host, group));
    }

    [Fact]
    public async Task A_deleted_bound_group_becomes_unknown_so_its_members_keep_access()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var world = IdentityAccessWorld.Scim().Team("Social Editors", "Editor");
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));
        var group = await host.CreateGroupAsync(OktaCreateGroup("Social Editors"));
        await host.PatchAsync($"Groups/{group}", OktaGroupMembers([], [(alice, "alice@example.com")]));
        var read = await host.Source.ReadAsync(world.BoundGroups, None);
        var model = world.Model(read.Directory);

        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"Groups/{group}")).Status);
        var update = await host.Source.PollAsync(read.Directory, None);
        model = model.Apply(update.Change(ScimEndpointHost.IdpKey)).Model;

        Assert.Equal(MembershipState.Unknown, Assert.Single(update.Groups).State);
        var plan = IdentityAccessWorld.Plan(model, "alice");
        Assert.DoesNotContain(plan.Changes, c => c.Kind.NarrowsAccess());
        Assert.Contains(plan.Withheld, c => c.Kind == Remove && c.Email == "alice@example.com");
        var reread = await host.Source.ReadAsync(world.BoundGroups, None);
        Assert.Equal(GroupLookupOutcome.NotFound, Assert.Single(reread.Groups).Outcome);
    }

    [Fact]
    public async Task Concurrent_pushes_get_distinct_versions_and_one_winner_per_userName()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var read = await host.Source.ReadAsync([], None);

        var distinct = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => host.PostAsync("Users", OktaCreateUser($"user{i}@example.com", "U", $"{i}", $"00u{i}"))));
        var same = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.PostAsync("Users", OktaCreateUser("same@example.com", "S", "S", "00u-same"))));

        Assert.All(distinct, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal(20, distinct.Select(r => r.ETag).Distinct().Count());
        Assert.Single(same, r => r.Status == HttpStatusCode.Created);
        Assert.All(same.Where(r => r.Status != HttpStatusCode.Created), r => r.AssertError(HttpStatusCode.Conflict, "uniqueness"));
        Assert.Equal(21, (await host.Source.PollAsync(read.Directory, None)).Users.Count);
    }

    private static async Task<string[]> MembersAsync(ScimEndpointHost host, string group) =>
        [.. (await host.GetAsync($"Groups/{group}")).Body!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>())];
}
