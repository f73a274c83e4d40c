using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// Namespace B has a scim IdentityProvider the IdP never pushes to (its users and its team's membership stay unknown).
/// Namespace A, fed by Okta, also shares its hub with a new hire Okta does not know yet (an individual share, as made
/// before a start date). B's silence must not hold back A: alice leaving Admins must lower her to Editor and bob
/// leaving Editors must remove him, within the deadline.
/// </summary>
internal sealed class CrossNamespaceFreeze() : Scenario("cross-namespace", "5. a silent scim IdP in one namespace freezes removals in another")
{
    private const string A = "team-a";
    private const string B = "team-b";

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var okta = await world.StartOktaAsync(cancellationToken);
        var app = await world.StartScimAppAsync();
        var meta = await world.StartMetaAsync(cancellationToken);
        var (admins, users) = Stages.OktaGroup(okta.Org, "Admins", ["alice@acme.test"]);
        var (editors, editorUsers) = Stages.OktaGroup(okta.Org, "Editors", ["bob@acme.test"]);
        okta.Org.AddToGroup(editors, users["alice@acme.test"]);

        await world.ApplyAsync(Stages.OktaAndScimHub(A, okta.OrgUrl.ToString(), okta, app.Server.ScimUrl, app)
            + Manifests.Binding(A, "admins", "Admins", "okta") + Manifests.TeamShare(A, "admins", "app", "Admin", "admins")
            + Manifests.Binding(A, "editors", "Editors", "okta") + Manifests.TeamShare(A, "editors", "app", "Editor", "editors")
            + Manifests.UserShare(A, "new-hire", "app", "Viewer", "newhire@acme.test")
            + Manifests.Namespace(B)
            + Manifests.Secret(B, "scim-push", "bearerToken", world.NewSecret("push"))
            + Manifests.Secret(B, "meta-token", "token", meta.AccessToken)
            + Manifests.ScimIdp(B, "pushed", "scim-push")
            + Manifests.MetaHub(B, "meta", meta.BaseUrl.ToString(), meta.Business.Id, "meta-token")
            + Manifests.Binding(B, "support", "Support", "pushed")
            + Manifests.TeamShare(B, "support", "meta", "Editor", "support"), cancellationToken);
        var op = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        await UntilAsync(async ct => await Stages.SeatsAsync(app, ct) is var s && s.GetValueOrDefault("alice@acme.test") == "admin" && s.GetValueOrDefault("bob@acme.test") == "editor",
            Converge, "alice is Admin and bob Editor in namespace A's app", cancellationToken);

        result.FaultsInjected = 1; // the IdentityProvider nobody pushes to
        okta.Org.RemoveFromGroup(admins, users["alice@acme.test"]);
        okta.Org.RemoveFromGroup(editors, editorUsers["bob@acme.test"]);
        await WithinAsync(async ct => await Stages.SeatsAsync(app, ct) is var s && s.GetValueOrDefault("alice@acme.test") == "editor" && !s.ContainsKey("bob@acme.test"),
            ActDeadline, cancellationToken);

        var seats = await Stages.SeatsAsync(app, cancellationToken);
        result.AccessLeftBehind = (seats.GetValueOrDefault("alice@acme.test") == "admin" ? 1 : 0) + (seats.ContainsKey("bob@acme.test") ? 1 : 0);
        result.WrongRemovals = seats.ContainsKey("alice@acme.test") ? 0 : 1;
        Stages.Alive(op, "op");
    }
}
