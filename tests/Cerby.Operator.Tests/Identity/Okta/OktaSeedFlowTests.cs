using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Tests.Planning;
using static Cerby.Operator.Planning.AccessChangeKind;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>The seed flows driven from the Okta side: full read, then System Log polling applied to the access model.</summary>
public sealed class OktaSeedFlowTests
{
    [Fact]
    public async Task Seed_001_joining_a_bound_group_gives_the_team_role()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        var alice = okta.Org.CreateUser("alice@example.com");
        var bob = okta.Org.CreateUser("bob@example.com");
        okta.Org.AddToGroup(editors, alice);
        var world = IdentityAccessWorld.Okta().Team("Social Editors", "Editor");

        var read = await okta.ReadAsync(null, "Social Editors");
        var model = world.Model(read.Directory);
        var cursor = await CatchUpAsync(okta, read.Directory);

        Assert.Equal(GroupLookupOutcome.Read, Assert.Single(read.Groups).Outcome);
        Assert.Equal(["alice@example.com"], OktaFixture.Members(read.Directory, "Social Editors"));
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Editor" }, IdentityAccessWorld.Roles(model));

        okta.Org.AddToGroup(editors, bob);
        var poll = await okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None);

        (model, var affected) = model.Apply(poll.Update.Change(OktaFixture.IdpKey));

        Assert.Contains(IdentityAccessWorld.Hub, affected);
        Assert.Equal("Editor", IdentityAccessWorld.Roles(model)["bob@example.com"]);
    }

    [Fact]
    public async Task Seed_004_leaving_deactivation_and_deletion_take_access_away()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        var users = new[] { "alice", "bob", "carol", "dave" }.ToDictionary(n => n, n => okta.Org.CreateUser($"{n}@example.com"));
        foreach (var id in users.Values)
        {
            okta.Org.AddToGroup(editors, id);
        }

        var world = IdentityAccessWorld.Okta().Team("Social Editors", "Editor");
        var read = await okta.ReadAsync(null, "Social Editors");
        var model = world.Model(read.Directory);
        var cursor = await CatchUpAsync(okta, read.Directory);
        Assert.Equal(4, IdentityAccessWorld.Roles(model).Count);

        okta.Org.RemoveFromGroup(editors, users["bob"]);
        okta.Org.Deactivate(users["carol"]);
        okta.Org.Deactivate(users["dave"]);
        okta.Org.Delete(users["dave"]);
        var poll = await okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None);
        model = model.Apply(poll.Update.Change(OktaFixture.IdpKey)).Model;

        Assert.Equal(["alice@example.com"], IdentityAccessWorld.Roles(model).Keys);
        Assert.Contains(poll.Update.Users, u => u.Id == users["carol"] && u.Lifecycle == UserLifecycle.Deactivated);
        Assert.Contains(poll.Update.Users, u => u.Id == users["dave"] && u.Lifecycle == UserLifecycle.Deleted && u.Email == "dave@example.com");
        var app = new ActualAccess(IdentityAccessWorld.Hub, users.Keys.ToDictionary(n => $"{n}@example.com", n => IdentityAccessWorld.Member(n, "EMPLOYEE")));
        var plan = AccessPlanner.Plan(model.Hubs[IdentityAccessWorld.Hub], model.Desired(IdentityAccessWorld.Hub), app);
        plan.OnlyChanges((Remove, "bob"), (Remove, "carol"), (Remove, "dave"));
    }

    [Fact]
    public async Task Seed_000_moving_between_groups_keeps_the_higher_role_until_the_old_group_is_left()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        var admins = okta.Org.CreateGroup("Social Admins");
        var alice = okta.Org.CreateUser("alice@example.com");
        var bob = okta.Org.CreateUser("bob@example.com");
        okta.Org.AddToGroup(editors, alice);
        okta.Org.AddToGroup(admins, bob);
        var world = IdentityAccessWorld.Okta().Team("Social Editors", "Editor").Team("Social Admins", "Admin");
        var read = await okta.ReadAsync(null, "Social Editors", "Social Admins");
        var model = world.Model(read.Directory);
        var cursor = await CatchUpAsync(okta, read.Directory);

        okta.Org.AddToGroup(admins, alice); // promote: add to the new group first…
        okta.Org.AddToGroup(editors, bob); // …and demote the same way
        var added = await okta.Feed.PollAsync(read.Directory, null, cursor, CancellationToken.None);
        model = model.Apply(added.Update.Change(OktaFixture.IdpKey)).Model;
        Assert.Equal("Admin", IdentityAccessWorld.Roles(model)["alice@example.com"]);
        Assert.Equal("Admin", IdentityAccessWorld.Roles(model)["bob@example.com"]); // in both groups: the higher role holds

        okta.Org.RemoveFromGroup(editors, alice); // …then leave the old one
        okta.Org.RemoveFromGroup(admins, bob);
        var left = await okta.Feed.PollAsync(added.Update.ApplyTo(read.Directory), null, added.Next, CancellationToken.None);
        model = model.Apply(left.Update.Change(OktaFixture.IdpKey)).Model;

        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Admin", ["bob@example.com"] = "Editor" }, IdentityAccessWorld.Roles(model));
    }

    [Fact]
    public async Task Seed_003_direct_and_group_assignments_and_a_custom_attribute_change()
    {
        await using var okta = await OktaFixture.StartAsync();
        var app = okta.Org.CreateApp("Cerby Meta");
        var marketing = okta.Org.CreateGroup("Marketing");
        var alice = okta.Org.CreateUser("alice@example.com", "ACTIVE", ("department", "Brand"));
        var bob = okta.Org.CreateUser("bob@example.com", "ACTIVE", ("department", "Growth"));
        okta.Org.AssignUser(app, alice, ("role", "Admin"));
        okta.Org.AssignGroup(app, marketing);
        okta.Org.AddToGroup(marketing, bob);
        var world = IdentityAccessWorld.Okta().App(app, "Viewer", "role", ("department", "department"));

        var read = await okta.ReadAsync(app);
        var model = world.Model(read.Directory);
        var cursor = await CatchUpAsync(okta, read.Directory, app);

        Assert.True(read.Directory.AssignmentsKnown);
        Assert.Equal(new Dictionary<string, string> { ["alice@example.com"] = "Admin", ["bob@example.com"] = "Viewer" }, IdentityAccessWorld.Roles(model));
        Assert.Equal("Growth", model.Desired(IdentityAccessWorld.Hub).Members["bob@example.com"].Attributes["department"]);

        okta.Org.UpdateProfile(bob, "department", "Brand");
        var profile = await okta.Feed.PollAsync(read.Directory, app, cursor, CancellationToken.None);
        model = model.Apply(profile.Update.Change(OktaFixture.IdpKey)).Model;
        Assert.Equal("Brand", model.Desired(IdentityAccessWorld.Hub).Members["bob@example.com"].Attributes["department"]);

        okta.Org.UpdateAppUserProfile(app, alice, "role", "Editor");
        var directory = profile.Update.ApplyTo(read.Directory);
        var reassigned = await okta.Feed.PollAsync(directory, app, profile.Next, CancellationToken.None);
        Assert.NotNull(reassigned.Update.Assignments);
        model = world.Model(reassigned.Update.ApplyTo(directory)); // assignments change: the model is rebuilt
        Assert.Equal("Editor", IdentityAccessWorld.Roles(model)["alice@example.com"]);
    }

    /// <summary>Polls from before the test's first change until the log is drained, and returns the cursor after it.</summary>
    internal static async Task<OktaLogCursor> CatchUpAsync(OktaFixture okta, IdpDirectory directory, string? appId = null)
    {
        var poll = await okta.Feed.PollAsync(directory, appId, OktaLogCursor.Since(DateTimeOffset.UtcNow.AddMinutes(-5)), CancellationToken.None);
        return poll.Next;
    }
}
