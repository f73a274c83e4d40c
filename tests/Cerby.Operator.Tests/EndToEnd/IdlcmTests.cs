namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>Seed 003: IdP app-integration assignments (direct and through groups) grant access, and mapped profile attributes follow.</summary>
public sealed class IdlcmTests : EndToEndTest
{
    private const string Ns = "e2e-003";

    [Fact]
    public async Task Seed003_app_assignments_grant_access_and_a_custom_attribute_change_reaches_the_app()
    {
        var org = Sandbox.Org;
        var app = org.CreateApp("Acme SCIM app");
        var contractors = org.CreateGroup("Contractors");
        var jade = org.CreateUser("jade@acme.test", "ACTIVE", ("title", "Designer"));
        var kim = org.CreateUser("kim@acme.test", "ACTIVE", ("title", "Writer"));
        org.AssignUser(app, jade, ("role", "Editor"));

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns,
            appIntegration: $"appId: {app}, hubRef: {{ name: {OperatorSandbox.ScimHub} }}, role: Viewer, roleAttribute: role, attributeMappings: [{{ idpAttribute: title, appAttribute: title }}]"));
        var seats = await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("jade@acme.test"), "jade provisioned by her direct assignment");
        Assert.Equal(("editor", "Designer"), (seats["jade@acme.test"].Role, seats["jade@acme.test"].Title));

        // A group assignment: its members get the integration's default role.
        org.AddToGroup(contractors, kim);
        org.AssignGroup(app, contractors);
        seats = await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("kim@acme.test"), "kim provisioned through the group assignment");
        Assert.Equal(("viewer", "Writer"), (seats["kim@acme.test"].Role, seats["kim@acme.test"].Title));

        // A custom profile attribute changes in Okta: it follows the user into the app.
        org.UpdateProfile(jade, "title", "Design Lead");
        await Sandbox.WaitForSeatsAsync(s => s.GetValueOrDefault("jade@acme.test")?.Title == "Design Lead", "jade's title updated");
        await WaitForEventAsync(Ns, "AttributesUpdated", "jade@acme.test", "title=Design Lead");

        // Unassigned: the access goes.
        org.UnassignUser(app, jade);
        await Sandbox.WaitForSeatsAsync(s => !s.ContainsKey("jade@acme.test"), "jade removed after unassignment");
    }
}
