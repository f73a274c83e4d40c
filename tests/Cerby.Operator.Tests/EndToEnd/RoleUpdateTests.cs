namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>Seed 000: roles change by moving people between groups, or by sharing individually and then leaving the old group.</summary>
public sealed class RoleUpdateTests : EndToEndTest
{
    private const string Ns = "e2e-000";

    [Fact]
    public async Task Seed000_moving_between_groups_changes_the_role_without_dropping_the_seat_and_an_individual_share_survives_leaving()
    {
        var org = Sandbox.Org;
        var designers = org.CreateGroup("Designers");
        var leads = org.CreateGroup("Design Leads");
        var (hana, ivan) = (org.CreateUser("hana@acme.test"), org.CreateUser("ivan@acme.test"));
        org.AddToGroup(designers, hana);
        org.AddToGroup(designers, ivan);

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns)
            + OperatorSandbox.Binding(Ns, "designers", "Designers")
            + OperatorSandbox.Binding(Ns, "design-leads", "Design Leads")
            + OperatorSandbox.Share(Ns, "designers", "Viewer", team: "designers")
            + OperatorSandbox.Share(Ns, "leads", "Admin", team: "design-leads"));
        var before = await Sandbox.WaitForSeatsAsync(s => s.Count == 2 && s.Values.All(x => x.Role == "viewer"), "both viewers");

        // Move: add to the new group, then remove from the old one. Grants go first, so the seat never disappears.
        org.AddToGroup(leads, hana);
        org.RemoveFromGroup(designers, hana);
        var after = await Sandbox.WaitForSeatsAsync(s => s.GetValueOrDefault("hana@acme.test")?.Role == "admin", "hana raised to admin");
        Assert.Equal(before["hana@acme.test"].Id, after["hana@acme.test"].Id); // the same app user: never removed and re-created
        await WaitForEventAsync(Ns, "RoleChanged", "hana@acme.test", "Viewer → Admin");

        // Individual share first, then leaving the old group: the role follows the individual share.
        await Sandbox.ApplyAsync(OperatorSandbox.Share(Ns, "ivan", "Editor", user: "ivan@acme.test"));
        await Sandbox.WaitForSeatsAsync(s => s.GetValueOrDefault("ivan@acme.test")?.Role == "editor", "ivan raised to editor by his individual share");
        org.RemoveFromGroup(designers, ivan);
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.MembersByRole.GetValueOrDefault("Editor") == 1, "hub synced after ivan left designers");
        var seats = await Sandbox.ScimSeatsAsync();
        Assert.Equal("editor", seats["ivan@acme.test"].Role);
        Assert.Equal(before["ivan@acme.test"].Id, seats["ivan@acme.test"].Id);
    }
}
