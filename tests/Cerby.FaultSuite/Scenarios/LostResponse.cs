using System.Collections.Concurrent;
using Cerby.FaultSuite.Proxy;
using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// The proxy in front of the SCIM app forwards each user's first create, then drops the connection before the answer:
/// the seat exists, the operator never heard. After the share is deleted nobody it provisioned may keep a seat, the
/// member someone added by hand must stay, and every user must have been created once (POSTs per user at the app).
/// </summary>
internal sealed class LostResponse() : Scenario("lost-response", "4. a write whose answer is lost is sent again blindly")
{
    private const string Ns = "lost";
    private const int Members = 8;
    private const string ByHand = "byhand@acme.test";

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var okta = await world.StartOktaAsync(cancellationToken);
        var app = await world.StartScimAppAsync();
        var proxy = await world.StartProxyAsync(new Uri(app.Server.BaseUrl), cancellationToken);
        var dropped = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        proxy.Decide = r => AppWrites.IsScimCreate(r) && AppWrites.UserOf(r) is { } user && dropped.TryAdd(user, true) ? ProxyAction.Drop : ProxyAction.Forward;
        await app.CreateByHandAsync(ByHand, "viewer", cancellationToken);
        var emails = Enumerable.Range(1, Members).Select(i => $"lost{i}@acme.test").ToList();
        Stages.OktaGroup(okta.Org, "Lossy", emails);

        await world.ApplyAsync(Stages.OktaAndScimHub(Ns, okta.OrgUrl.ToString(), okta, proxy.Rewrite(app.Server.ScimUrl), app)
            + Manifests.Binding(Ns, "lossy", "Lossy", "okta")
            + Manifests.TeamShare(Ns, "lossy", "app", "Editor", "lossy"), cancellationToken);
        var op = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        await UntilAsync(async ct => (await Stages.SeatedAsync(app, emails, ct)).Count == Members, Converge, "every member seated despite the lost answers", cancellationToken);

        await world.KubectlAsync(cancellationToken, "delete", "teamshare", "lossy", "-n", Ns, "--wait=false");
        await WithinAsync(async ct => (await Stages.SeatedAsync(app, emails, ct)).Count == 0, ActDeadline, cancellationToken);

        result.FaultsInjected = proxy.FaultsInjected;
        result.AccessLeftBehind = (await Stages.SeatedAsync(app, emails, cancellationToken)).Count;
        result.WrongRemovals = (await Stages.SeatedAsync(app, [ByHand], cancellationToken)).Count == 1 ? 0 : 1;
        result.Duplicates = AppWrites.Duplicates(proxy.Requests, AppWrites.IsScimCreate);
        Stages.Alive(op, "op");
    }
}
