using Cerby.Emulators.Meta;
using Cerby.FaultSuite.Proxy;
using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// A Meta hub (inviteRequired) gets 80 invitees from one Okta group; each invitation is held 40 ms by the proxy so the
/// apply takes a few seconds, and the operator is killed (-9) once a third of them went out. After the restart has
/// finished the job, the share is deleted: everyone the operator invited must lose the invitation, and the business
/// user who was there before the operator must stay.
/// </summary>
internal sealed class CrashMidApply() : Scenario("crash-mid-apply", "3. kill -9 mid-apply: invitees the operator added are forgotten")
{
    private const string Ns = "crash";
    private const int Invitees = 80;
    private const string Owner = "owner@acme.test";

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var okta = await world.StartOktaAsync(cancellationToken);
        var meta = await world.StartMetaAsync(cancellationToken);
        var proxy = await world.StartProxyAsync(meta.BaseUrl, cancellationToken);
        proxy.Decide = r => AppWrites.IsMetaInvite(r) ? ProxyAction.HoldFor(TimeSpan.FromMilliseconds(40)) : ProxyAction.Forward;
        meta.Business.SeedUser(Owner, "ADMIN");
        var emails = Enumerable.Range(1, Invitees).Select(i => $"invitee{i:000}@acme.test").ToList();
        Stages.OktaGroup(okta.Org, "Invitees", emails);

        await world.ApplyAsync(Manifests.Namespace(Ns)
            + Manifests.Secret(Ns, "okta-api-token", "apiToken", okta.ApiToken)
            + Manifests.Secret(Ns, "meta-token", "token", meta.AccessToken)
            + Manifests.OktaIdp(Ns, "okta", okta.OrgUrl.ToString(), "okta-api-token")
            + Manifests.MetaHub(Ns, "meta", proxy.Rewrite(meta.BaseUrl.ToString()), meta.Business.Id, "meta-token")
            + Manifests.Binding(Ns, "invitees", "Invitees", "okta")
            + Manifests.TeamShare(Ns, "invitees", "meta", "Editor", "invitees"), cancellationToken);
        var first = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        await UntilAsync(ct => Task.FromResult(Holding(meta, emails) >= Invitees / 3), Converge, $"{Invitees / 3} invitations sent", cancellationToken);
        await first.KillAsync();
        result.FaultsInjected = 1;
        result.Note($"killed with {Holding(meta, emails)} of {Invitees} invited (each invitation held 40 ms by the proxy)");

        var second = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        await UntilAsync(ct => Task.FromResult(Holding(meta, emails) == Invitees), Converge, "the restarted operator invites the rest", cancellationToken);
        await world.KubectlAsync(cancellationToken, "delete", "teamshare", "invitees", "-n", Ns, "--wait=false");
        await WithinAsync(ct => Task.FromResult(Holding(meta, emails) == 0), ActDeadline, cancellationToken);

        result.AccessLeftBehind = Holding(meta, emails);
        result.WrongRemovals = meta.Business.UserByEmail(Owner) is null ? 1 : 0;
        result.Duplicates = AppWrites.Duplicates(proxy.Forwarded, AppWrites.IsMetaInvite);
        Stages.Alive(second, "op");
    }

    private static int Holding(MetaEmulator meta, IReadOnlyList<string> emails) => MetaSeats.Holding(meta, emails);
}
