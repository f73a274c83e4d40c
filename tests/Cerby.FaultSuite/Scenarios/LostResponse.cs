using System.Collections.Concurrent;
using Cerby.Emulators.Meta;
using Cerby.FaultSuite.Proxy;
using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// One Okta team shared into two hubs, scimmy and Meta, each behind a proxy that forwards a user's first create
/// (POST /Users for every user, POST business_users for the first invitee) and then drops the connection before the
/// answer: the seat or invitation exists, the operator never heard. After both shares are deleted nobody may keep a seat or an invitation, the people who were
/// in the apps before the operator must stay, and every user must have been created once per app (counted at the app).
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
        var meta = await world.StartMetaAsync(cancellationToken);
        var scimProxy = await world.StartProxyAsync(new Uri(app.Server.BaseUrl), cancellationToken);
        var metaProxy = await world.StartProxyAsync(meta.BaseUrl, cancellationToken);
        // Every scimmy user's first create is dropped; in Meta only the first invitation's, because a Meta hub stops its
        // run at an unreachable app and tries again 30 s later: one drop per user would take minutes.
        scimProxy.Decide = DropFirstCreate(AppWrites.IsScimCreate, users: Members);
        metaProxy.Decide = DropFirstCreate(AppWrites.IsMetaInvite, users: 1);
        await app.CreateByHandAsync(ByHand, "viewer", cancellationToken);
        meta.Business.SeedUser(ByHand, "EMPLOYEE");
        var emails = Enumerable.Range(1, Members).Select(i => $"lost{i}@acme.test").ToList();
        Stages.OktaGroup(okta.Org, "Lossy", emails);

        await world.ApplyAsync(Stages.OktaAndScimHub(Ns, okta.OrgUrl.ToString(), okta, scimProxy.Rewrite(app.Server.ScimUrl), app)
            + Manifests.Secret(Ns, "meta-token", "token", meta.AccessToken)
            + Manifests.MetaHub(Ns, "meta", metaProxy.Rewrite(meta.BaseUrl.ToString()), meta.Business.Id, "meta-token")
            + Manifests.Binding(Ns, "lossy", "Lossy", "okta")
            + Manifests.TeamShare(Ns, "lossy-scim", "app", "Editor", "lossy")
            + Manifests.TeamShare(Ns, "lossy-meta", "meta", "Editor", "lossy"), cancellationToken);
        var op = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        // A Meta hub tries again 30 s after an unreachable app: more than the usual set-up deadline.
        await UntilAsync(async ct => (await Stages.SeatedAsync(app, emails, ct)).Count == Members && Invited(meta, emails) == Members,
            Converge + TimeSpan.FromSeconds(30), "every member seated in scimmy and invited in Meta despite the lost answers", cancellationToken);

        await world.KubectlAsync(cancellationToken, "delete", "teamshare", "lossy-scim", "lossy-meta", "-n", Ns, "--wait=false");
        await WithinAsync(async ct => (await Stages.SeatedAsync(app, emails, ct)).Count == 0 && Invited(meta, emails) == 0, ActDeadline, cancellationToken);

        result.FaultsInjected = scimProxy.FaultsInjected + metaProxy.FaultsInjected;
        result.AccessLeftBehind = (await Stages.SeatedAsync(app, emails, cancellationToken)).Count + Invited(meta, emails);
        result.WrongRemovals = ((await Stages.SeatedAsync(app, [ByHand], cancellationToken)).Count == 1 ? 0 : 1) + (meta.Business.UserByEmail(ByHand) is null ? 1 : 0);
        var (scimTwice, metaTwice) = (AppWrites.Duplicates(scimProxy.Forwarded, AppWrites.IsScimCreate), AppWrites.Duplicates(metaProxy.Forwarded, AppWrites.IsMetaInvite));
        result.Duplicates = scimTwice + metaTwice;
        var invites = metaProxy.Requests.Where(AppWrites.IsMetaInvite).ToList();
        result.Note($"creates beyond the first: {scimTwice} in scimmy, {metaTwice} in Meta ({invites.Count} invitation POSTs for {invites.Select(AppWrites.UserOf).Distinct().Count()} users)");
        Stages.Alive(op, "op");
    }

    /// <summary>Drops the answer to the first create of each of the first <paramref name="users"/> users; the rest pass.</summary>
    private static Func<ProxiedRequest, ProxyAction> DropFirstCreate(Func<ProxiedRequest, bool> isCreate, int users)
    {
        var dropped = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var gate = new Lock();
        return r =>
        {
            if (!isCreate(r) || AppWrites.UserOf(r) is not { } user)
            {
                return ProxyAction.Forward;
            }

            lock (gate)
            {
                return dropped.Count < users && dropped.TryAdd(user, true) ? ProxyAction.Drop : ProxyAction.Forward;
            }
        };
    }

    private static int Invited(MetaEmulator meta, IReadOnlyList<string> emails) => MetaSeats.Holding(meta, emails);
}
