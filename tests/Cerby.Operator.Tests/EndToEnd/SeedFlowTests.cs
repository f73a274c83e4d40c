using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// The seed flows end to end: real kubectl → test API server → operator → Okta emulator and the real scimmy SCIM app.
/// Each test changes Okta or the manifests the way an admin would, and waits for the app, status and Events.
/// </summary>
public sealed class SeedFlowTests : EndToEndTest
{
    [Fact]
    public async Task Seed001_joining_a_bound_group_gives_the_app_seat_with_the_teams_role()
    {
        const string ns = "e2e-001";
        var org = Sandbox.Org;
        var admins = org.CreateGroup("Marketing Admins");
        var editors = org.CreateGroup("Marketing Editors");
        var alice = org.CreateUser("alice@acme.test");
        org.AddToGroup(admins, alice);

        await Sandbox.ApplyAsync(Sandbox.Basics(ns)
            + OperatorSandbox.Binding(ns, "marketing-admins", "Marketing Admins")
            + OperatorSandbox.Binding(ns, "marketing-editors", "Marketing Editors")
            + OperatorSandbox.Share(ns, "admins", "Admin", team: "marketing-admins")
            + OperatorSandbox.Share(ns, "editors", "Editor", team: "marketing-editors"));

        var seats = await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("alice@acme.test"), "alice provisioned");
        Assert.Equal("admin", seats["alice@acme.test"].Role);

        // Joining a group in Okta: the System Log poll sees it, and the app gets the seat with the team's role.
        var bob = org.CreateUser("bob@acme.test");
        org.AddToGroup(editors, bob);
        seats = await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("bob@acme.test"), "bob provisioned after joining Marketing Editors");
        Assert.Equal("editor", seats["bob@acme.test"].Role);

        var hub = await Sandbox.WaitForHubAsync(ns, h => h.Status?.Members == 2 && Synced(h), "hub synced with two members");
        Assert.Equal(1, hub.Status!.MembersByRole["Admin"]);
        Assert.Equal(1, hub.Status.MembersByRole["Editor"]);
        Assert.Equal(hub.Metadata.Generation, hub.Status.ObservedGeneration);

        var events = await Sandbox.EventsAsync(ns);
        Assert.Contains(events, e => e.Reason == "UserProvisioned" && e.Note.Contains("bob@acme.test", StringComparison.Ordinal)
            && e.Note.Contains("Editor", StringComparison.Ordinal) && e.Note.Contains("TeamShare e2e-001/editors", StringComparison.Ordinal));

        await Eventually.TrueAsync(async () => (await Sandbox.EventsAsync(ns)).Any(e => e.Reason == "MemberJoined" && e.Regarding.Name == "marketing-editors"
            && e.Note.Contains("bob@acme.test", StringComparison.Ordinal)), "MemberJoined on the marketing-editors binding");
        var share = await Sandbox.GetAsync<TeamShare>(ns, TeamShare.Plural, "editors");
        await Eventually.TrueAsync(async () => (await Sandbox.GetAsync<TeamShare>(ns, TeamShare.Plural, "editors")).Status?.GrantedUsers == 1, "share counts bob");
        var describe = await Sandbox.KubectlAsync("describe", "businesshub", OperatorSandbox.ScimHub, "-n", ns);
        Assert.Contains("UserProvisioned", describe, StringComparison.Ordinal);
        Assert.Contains(share.Metadata.Finalizers ?? [], f => f == "access.cerby.io/cleanup");
    }

}
