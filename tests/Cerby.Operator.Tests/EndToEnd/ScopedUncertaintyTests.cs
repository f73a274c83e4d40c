using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Uncertainty is scoped, with the real operator: an invalid share or an IdP of another namespace never freezes the
/// rest of a hub's offboarding, and a share can always be deleted.
/// </summary>
public sealed class ScopedUncertaintyTests : EndToEndTest
{
    private const string Ns = "e2e-scoped";

    [Fact]
    public async Task An_invalid_share_keeps_its_users_while_a_departed_user_is_removed()
    {
        var org = Sandbox.Org;
        var (ops, leads) = (org.CreateGroup("Ops"), org.CreateGroup("Leads"));
        var (ray, sam, lee) = (org.CreateUser("ray@acme.test"), org.CreateUser("sam@acme.test"), org.CreateUser("lee@acme.test"));
        org.AddToGroup(ops, ray);
        org.AddToGroup(ops, sam);
        org.AddToGroup(leads, lee);
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops") + OperatorSandbox.Binding(Ns, "leads", "Leads")
            + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops") + OperatorSandbox.Share(Ns, "leads", "Admin", team: "leads"));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 3 && s["lee@acme.test"].Role == "admin", "ray, sam viewers, lee admin");

        await Sandbox.ApplyAsync(OperatorSandbox.Share(Ns, "leads", "Boss", team: "leads")); // a typo: not one of the hub's roles
        await Sandbox.WaitForHubAsync(Ns, h => Is(h, "Degraded", ConditionStatus.True) && Reason(h, "Degraded") == "InvalidShares", "the hub reports the invalid share");
        org.RemoveFromGroup(ops, ray);

        var seats = await Sandbox.WaitForSeatsAsync(s => !s.ContainsKey("ray@acme.test"), "ray, who left Ops, removed");
        Assert.Equal("admin", seats["lee@acme.test"].Role); // named by the invalid share: kept as is
        var hub = await Sandbox.WaitForHubAsync(Ns, h => Is(h, "IdpStale", ConditionStatus.False), "an invalid share is not an IdP problem");
        Assert.Contains("TeamShare e2e-scoped/leads", hub.Status!.Conditions.Single(c => c.Type == "Degraded").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unread_identity_provider_of_another_namespace_holds_no_removal_here()
    {
        var org = Sandbox.Org;
        var ops = org.CreateGroup("Ops");
        var (ray, sam) = (org.CreateUser("ray@acme.test"), org.CreateUser("sam@acme.test"));
        org.AddToGroup(ops, ray);
        org.AddToGroup(ops, sam);
        await Sandbox.ApplyAsync($$"""
            apiVersion: v1
            kind: Namespace
            metadata: { name: e2e-other-team }
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: scim-push, namespace: e2e-other-team }
            stringData: { bearerToken: never-used-{{Guid.NewGuid():N}} }
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: IdentityProvider
            metadata: { name: pushed, namespace: e2e-other-team }
            spec: { type: scim, credentialsSecretRef: { name: scim-push } }
            """);
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops")
            + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops") + OperatorSandbox.Share(Ns, "gone", "Viewer", user: "zed@acme.test"));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 2, "ray and sam provisioned");

        org.RemoveFromGroup(ops, ray);

        await Sandbox.WaitForSeatsAsync(s => s.Count == 1 && !s.ContainsKey("ray@acme.test"), "ray removed although another namespace's IdP was never pushed to");
    }

    [Fact]
    public async Task A_share_of_an_uncertain_hub_is_deleted_within_a_bounded_time()
    {
        var org = Sandbox.Org;
        var (ops, leads) = (org.CreateGroup("Ops"), org.CreateGroup("Ops Leads"));
        var (ray, sam) = (org.CreateUser("ray@acme.test"), org.CreateUser("sam@acme.test"));
        org.AddToGroup(ops, ray);
        org.AddToGroup(ops, sam);
        org.AddToGroup(leads, sam);
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops") + OperatorSandbox.Binding(Ns, "ops-leads", "Ops Leads")
            + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops") + OperatorSandbox.Share(Ns, "ops-leads", "Admin", team: "ops-leads")
            + OperatorSandbox.Share(Ns, "ghosts", "Viewer", team: "ghosts")); // no binding: anyone could be a ghost
        await Sandbox.WaitForSeatsAsync(s => s.Count == 2 && s["sam@acme.test"].Role == "admin", "ray viewer, sam admin");

        await Sandbox.KubectlAsync("delete", "teamshare", "ops-leads", "-n", Ns, "--wait=false");

        // The sandbox's grace is 20 s (five minutes by default); the deadline leaves room for a loaded machine.
        await Eventually.TrueAsync(async () => (await Sandbox.KubectlAsync("get", "teamshare", "ops-leads", "-n", Ns, "--ignore-not-found", "-o", "name")).Trim().Length == 0,
            "the deleted share is gone although its hub cannot act on sam", TimeSpan.FromSeconds(90));
        Assert.Equal("admin", (await Sandbox.ScimSeatsAsync())["sam@acme.test"].Role); // withheld while team ghosts is unknown
        await WaitForEventAsync(Ns, "DeletionUnconfirmed", "TeamShare e2e-scoped/ops-leads");
    }
}
