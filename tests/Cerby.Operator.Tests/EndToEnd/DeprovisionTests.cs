namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Seed 004: removing people from a group, deactivating or deleting them removes the seat, keeps it, or changes the
/// role, depending on the shares they still hold.
/// </summary>
public sealed class DeprovisionTests : EndToEndTest
{
    private const string Ns = "e2e-004";

    [Fact]
    public async Task Seed004_leaving_a_group_removes_keeps_or_lowers_by_the_shares_left_and_deactivation_and_deletion_remove()
    {
        var org = Sandbox.Org;
        var admins = org.CreateGroup("Social Admins");
        var editors = org.CreateGroup("Social Editors");
        var (erin, carol, dave, frank, gina) = (org.CreateUser("erin@acme.test"), org.CreateUser("carol@acme.test"), org.CreateUser("dave@acme.test"),
            org.CreateUser("frank@acme.test"), org.CreateUser("gina@acme.test"));
        foreach (var user in new[] { erin, carol, frank, gina })
        {
            org.AddToGroup(editors, user);
        }

        org.AddToGroup(admins, dave);
        org.AddToGroup(editors, dave);

        // The guard's default (25% of members per sync) would hold two removals out of four: this flow is about outcomes.
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns, hubPolicy: "removalGuard: { maxRemovalsPercent: 100 }")
            + OperatorSandbox.Binding(Ns, "social-admins", "Social Admins")
            + OperatorSandbox.Binding(Ns, "social-editors", "Social Editors")
            + OperatorSandbox.Share(Ns, "admins", "Admin", team: "social-admins")
            + OperatorSandbox.Share(Ns, "editors", "Editor", team: "social-editors")
            + OperatorSandbox.Share(Ns, "carol", "Viewer", user: "carol@acme.test"));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 5 && s["dave@acme.test"].Role == "admin" && s["carol@acme.test"].Role == "editor", "five seats");

        // Three outcomes of leaving a group: erin had nothing else (removed), carol keeps her individual share
        // (lowered to Viewer), dave still holds the editors' team (lowered from Admin to Editor).
        org.RemoveFromGroup(editors, erin);
        org.RemoveFromGroup(editors, carol);
        org.RemoveFromGroup(admins, dave);
        var seats = await Sandbox.WaitForSeatsAsync(
            s => !s.ContainsKey("erin@acme.test") && s.GetValueOrDefault("carol@acme.test")?.Role == "viewer" && s.GetValueOrDefault("dave@acme.test")?.Role == "editor",
            "erin removed, carol lowered to viewer, dave lowered to editor");
        Assert.Equal(4, seats.Count);
        await WaitForEventAsync(Ns, "UserDeprovisioned", "erin@acme.test");
        await WaitForEventAsync(Ns, "RoleChanged", "carol@acme.test", "Editor → Viewer", "individual share");
        await WaitForEventAsync(Ns, "RoleChanged", "dave@acme.test", "Admin → Editor");
        await WaitForEventAsync(Ns, "MemberLeft", "erin@acme.test");

        // Deactivated and deleted in the IdP: the seat goes, though they are still listed in the group.
        org.Deactivate(frank);
        org.Deactivate(gina);
        org.Delete(gina); // Okta deletes only deactivated users
        await Sandbox.WaitForSeatsAsync(s => !s.ContainsKey("frank@acme.test") && !s.ContainsKey("gina@acme.test"), "frank and gina removed");
        await WaitForEventAsync(Ns, "UserDeprovisioned", "frank@acme.test", "deactivated in the IdP");
        await WaitForEventAsync(Ns, "UserDeprovisioned", "gina@acme.test");
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && h.Status!.Members == 2, "hub synced with carol and dave");
    }
}
