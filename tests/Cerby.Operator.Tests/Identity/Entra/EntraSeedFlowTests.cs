using Cerby.Operator.Identity;
using Cerby.Operator.Planning;
using Cerby.Operator.Tests.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>The seed flows driven from the Entra side: a full read, then delta polls applied to the access model.</summary>
public sealed class EntraSeedFlowTests
{
    [Fact]
    public async Task Seed_001_joining_a_bound_group_gives_the_team_role()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var alice = entra.Tenant.CreateUser("alice@example.com");
        var bob = entra.Tenant.CreateUser("bob@example.com");
        entra.Tenant.AddMember(editors, alice);
        var world = IdentityAccessWorld.Entra().Team("Social Editors", "Editor");
        var source = entra.Source();

        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        var model = world.Model(read.Directory);

        var lookup = Assert.Single(read.Groups);
        Assert.Equal(GroupLookupOutcome.Read, lookup.Outcome);
        Assert.Equal(editors, lookup.GroupId);
        Assert.Equal(["alice@example.com"], EntraFixture.Members(read.Directory, "Social Editors"));
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Editor" }, IdentityAccessWorld.Roles(model));
        Assert.True((await source.PollAsync(read.Directory, CancellationToken.None)).IsEmpty);

        entra.Tenant.AddMember(editors, bob);
        var update = await source.PollAsync(read.Directory, CancellationToken.None);

        Assert.Equal([alice, bob], Assert.Single(update.Groups).MemberIds);
        (model, var affected) = model.Apply(update.Change(EntraFixture.IdpKey));
        Assert.Contains(IdentityAccessWorld.Hub, affected);
        Assert.Equal("Editor", IdentityAccessWorld.Roles(model)["bob@example.com"]);
    }

    [Fact]
    public async Task Seed_004_leaving_deactivation_and_deletion_take_access_away()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var users = new[] { "alice", "bob", "carol", "dave" }.ToDictionary(n => n, n => entra.Tenant.CreateUser($"{n}@example.com"));
        foreach (var id in users.Values)
        {
            entra.Tenant.AddMember(editors, id);
        }

        var world = IdentityAccessWorld.Entra().Team("Social Editors", "Editor");
        var source = entra.Source();
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        var model = world.Model(read.Directory);
        Assert.Equal(4, IdentityAccessWorld.Roles(model).Count);

        entra.Tenant.RemoveMember(editors, users["bob"]);
        entra.Tenant.Disable(users["carol"]);
        entra.Tenant.DeleteUser(users["dave"]);
        var update = await source.PollAsync(read.Directory, CancellationToken.None);
        model = model.Apply(update.Change(EntraFixture.IdpKey)).Model;

        Assert.Equal(["alice@example.com"], IdentityAccessWorld.Roles(model).Keys);
        Assert.Contains(update.Users, u => u.Id == users["carol"] && u.Lifecycle == UserLifecycle.Deactivated);
        Assert.Contains(update.Users, u => u.Id == users["dave"] && u.Lifecycle == UserLifecycle.Deleted && u.Email == "dave@example.com");
        Assert.Equal([users["alice"], users["carol"]], update.Groups.Single().MemberIds); // bob left, dave's link went with him
        var app = new ActualAccess(IdentityAccessWorld.Hub, users.Keys.ToDictionary(n => $"{n}@example.com", n => IdentityAccessWorld.Member(n, "EMPLOYEE")));
        var plan = AccessPlanner.Plan(model.Hubs[IdentityAccessWorld.Hub], model.Desired(IdentityAccessWorld.Hub), app);
        plan.OnlyChanges((Remove, "bob"), (Remove, "carol"), (Remove, "dave"));
    }

    [Fact]
    public async Task A_restored_user_comes_back_active_with_their_memberships()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var alice = entra.Tenant.CreateUser("alice@example.com");
        entra.Tenant.AddMember(editors, alice);
        var world = IdentityAccessWorld.Entra().Team("Social Editors", "Editor");
        var source = entra.Source();
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        var model = world.Model(read.Directory);

        entra.Tenant.DeleteUser(alice);
        var deleted = await source.PollAsync(read.Directory, CancellationToken.None);
        model = model.Apply(deleted.Change(EntraFixture.IdpKey)).Model;
        Assert.Empty(IdentityAccessWorld.Roles(model));

        entra.Tenant.RestoreUser(alice);
        var restored = await source.PollAsync(deleted.ApplyTo(read.Directory), CancellationToken.None);
        model = model.Apply(restored.Change(EntraFixture.IdpKey)).Model;

        Assert.Contains(restored.Users, u => u.Id == alice && u.Lifecycle == UserLifecycle.Active);
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Editor" }, IdentityAccessWorld.Roles(model));
    }

    [Fact]
    public async Task Seed_000_moving_between_groups_keeps_the_higher_role_until_the_old_group_is_left()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var admins = entra.Tenant.CreateGroup("Social Admins");
        var alice = entra.Tenant.CreateUser("alice@example.com");
        var bob = entra.Tenant.CreateUser("bob@example.com");
        entra.Tenant.AddMember(editors, alice);
        entra.Tenant.AddMember(admins, bob);
        var world = IdentityAccessWorld.Entra().Team("Social Editors", "Editor").Team("Social Admins", "Admin");
        var source = entra.Source();
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors", "Social Admins"), CancellationToken.None);
        var model = world.Model(read.Directory);

        entra.Tenant.AddMember(admins, alice); // promote: add to the new group first…
        entra.Tenant.AddMember(editors, bob); // …and demote the same way
        var added = await source.PollAsync(read.Directory, CancellationToken.None);
        model = model.Apply(added.Change(EntraFixture.IdpKey)).Model;
        Assert.Equal("Admin", IdentityAccessWorld.Roles(model)["alice@example.com"]);
        Assert.Equal("Admin", IdentityAccessWorld.Roles(model)["bob@example.com"]); // in both groups: the higher role holds

        entra.Tenant.RemoveMember(editors, alice); // …then leave the old one
        entra.Tenant.RemoveMember(admins, bob);
        var left = await source.PollAsync(added.ApplyTo(read.Directory), CancellationToken.None);
        model = model.Apply(left.Change(EntraFixture.IdpKey)).Model;

        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Admin", ["bob@example.com"] = "Editor" }, IdentityAccessWorld.Roles(model));
    }

    [Fact]
    public async Task Seed_003_direct_and_group_app_assignments_and_an_attribute_change()
    {
        await using var entra = await EntraFixture.StartAsync();
        var app = entra.Tenant.CreateApp("Cerby Meta", "Admin", "Editor");
        var marketing = entra.Tenant.CreateGroup("Marketing");
        var alice = entra.Tenant.CreateUser("alice@example.com", true, ("department", "Brand"));
        var bob = entra.Tenant.CreateUser("bob@example.com", true, ("department", "Growth"));
        var carol = entra.Tenant.CreateUser("carol@example.com");
        entra.Tenant.AssignUser(app, alice, "Admin");
        entra.Tenant.AssignGroup(app, marketing);
        entra.Tenant.AddMember(marketing, bob);
        var world = IdentityAccessWorld.Entra().App(app, "Viewer", "role", ("department", "department"));
        var source = entra.Source(app);

        var read = await source.ReadAsync([], CancellationToken.None);
        var model = world.Model(read.Directory);

        Assert.True(read.Directory.AssignmentsKnown);
        Assert.Contains(read.Directory.Assignments, a => a.UserId == alice && a.Profile["role"] == "Admin");
        Assert.Contains(read.Directory.Assignments, a => a.GroupId == marketing && a.Profile.Count == 0);
        Assert.Equal(MembershipState.Known, read.Directory.Groups[marketing].State);
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Admin", ["bob@example.com"] = "Viewer" }, IdentityAccessWorld.Roles(model));
        Assert.Equal("Growth", model.Desired(IdentityAccessWorld.Hub).Members["bob@example.com"].Attributes["department"]);

        entra.Tenant.UpdateUser(bob, "department", "Brand");
        var profile = await source.PollAsync(read.Directory, CancellationToken.None);
        Assert.Null(profile.Assignments); // unchanged assignments are not reported
        model = model.Apply(profile.Change(EntraFixture.IdpKey)).Model;
        Assert.Equal("Brand", model.Desired(IdentityAccessWorld.Hub).Members["bob@example.com"].Attributes["department"]);

        entra.Tenant.AddMember(marketing, carol); // joins the assigned group: assigned through it
        var joined = await source.PollAsync(profile.ApplyTo(read.Directory), CancellationToken.None);
        model = model.Apply(joined.Change(EntraFixture.IdpKey)).Model;
        Assert.Equal("Viewer", IdentityAccessWorld.Roles(model)["carol@example.com"]);

        entra.Tenant.Unassign(app, alice);
        entra.Tenant.AssignUser(app, alice, "Editor");
        var directory = joined.ApplyTo(profile.ApplyTo(read.Directory));
        var reassigned = await source.PollAsync(directory, CancellationToken.None);
        Assert.NotNull(reassigned.Assignments);
        model = world.Model(reassigned.ApplyTo(directory)); // assignments change: the model is rebuilt
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Editor", ["bob@example.com"] = "Viewer", ["carol@example.com"] = "Viewer" }, IdentityAccessWorld.Roles(model));
    }

    [Fact]
    public async Task A_group_assigned_after_the_read_brings_its_members_in()
    {
        await using var entra = await EntraFixture.StartAsync();
        var app = entra.Tenant.CreateApp("Cerby Meta");
        var sales = entra.Tenant.CreateGroup("Sales");
        entra.Tenant.AddMember(sales, entra.Tenant.CreateUser("erin@example.com"));
        var world = IdentityAccessWorld.Entra().App(app, "Viewer");
        var source = entra.Source(app);
        var read = await source.ReadAsync([], CancellationToken.None);
        Assert.Empty(IdentityAccessWorld.Roles(world.Model(read.Directory)));

        entra.Tenant.AssignGroup(app, sales);
        var update = await source.PollAsync(read.Directory, CancellationToken.None);

        Assert.Equal(sales, Assert.Single(update.Groups).Id);
        Assert.Equal(["erin@example.com"], IdentityAccessWorld.Roles(world.Model(update.ApplyTo(read.Directory))).Keys);
    }

    [Fact]
    public async Task Members_of_nested_groups_count_and_a_change_inside_the_nested_group_is_seen()
    {
        await using var entra = await EntraFixture.StartAsync();
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var contractors = entra.Tenant.CreateGroup("Contractors");
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        entra.Tenant.AddMember(editors, contractors);
        entra.Tenant.AddMember(contractors, entra.Tenant.CreateUser("frank@example.com"));
        var source = entra.Source();
        var read = await source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        Assert.Equal(["alice@example.com", "frank@example.com"], EntraFixture.Members(read.Directory, "Social Editors"));
        Assert.DoesNotContain(contractors, read.Directory.Groups.Keys); // only users are members to the planner

        var grace = entra.Tenant.CreateUser("grace@example.com");
        entra.Tenant.AddMember(contractors, grace);
        var update = await source.PollAsync(read.Directory, CancellationToken.None);

        Assert.Equal(["alice@example.com", "frank@example.com", "grace@example.com"], EntraFixture.Members(update.ApplyTo(read.Directory), "Social Editors"));
        Assert.Contains(update.Users, u => u.Id == grace);
    }
}
