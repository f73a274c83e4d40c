using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// The hub has a team share and two broken shares: one naming a user the IdP does not know, one naming a role the hub
/// lacks (for carol). dave leaving the team must still lose his seat within the deadline; carol must keep hers.
/// </summary>
internal sealed class InvalidShareFreezesHub() : Scenario("invalid-share", "6. one invalid share freezes every removal of its hub")
{
    private const string Ns = "invalid";

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var okta = await world.StartOktaAsync(cancellationToken);
        var app = await world.StartScimAppAsync();
        var (team, users) = Stages.OktaGroup(okta.Org, "Crew", ["carol@acme.test", "dave@acme.test"]);
        await world.ApplyAsync(Stages.OktaAndScimHub(Ns, okta.OrgUrl.ToString(), okta, app.Server.ScimUrl, app)
            + Manifests.Binding(Ns, "crew", "Crew", "okta") + Manifests.TeamShare(Ns, "crew", "app", "Editor", "crew")
            + Manifests.UserShare(Ns, "ghost", "app", "Viewer", "ghost@acme.test")
            + Manifests.UserShare(Ns, "carol-owner", "app", "Owner", "carol@acme.test"), cancellationToken);
        result.FaultsInjected = 2;
        var op = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        string[] crew = ["carol@acme.test", "dave@acme.test"];
        await UntilAsync(async ct => (await Stages.SeatedAsync(app, crew, ct)).Count == 2, Converge, "carol and dave seated", cancellationToken);

        okta.Org.RemoveFromGroup(team, users["dave@acme.test"]);
        await WithinAsync(async ct => !(await Stages.SeatedAsync(app, crew, ct)).Contains("dave@acme.test"), ActDeadline, cancellationToken);
        var seated = await Stages.SeatedAsync(app, crew, cancellationToken);
        result.AccessLeftBehind = seated.Contains("dave@acme.test") ? 1 : 0;
        result.WrongRemovals = seated.Contains("carol@acme.test") ? 0 : 1;
        Stages.Alive(op, "op");
    }
}
