using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// Two replicas behind one Service: the IdP's pushes land on either. 20 inbound SCIM pushes go round-robin to the
/// leader and the standby; each one refused, or accepted but never acted on by the leader, is a push lost.
/// </summary>
internal sealed class StandbyLosesPushes() : Scenario("standby-push", "1. a standby replica loses inbound SCIM pushes")
{
    private const string Ns = "standby";
    private const int Users = 9;

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var app = await world.StartScimAppAsync();
        var pushToken = world.NewSecret("push");
        await world.ApplyAsync(Stages.PushedToScimHub(Ns, pushToken, app), cancellationToken);
        var a = await world.StartOperatorAsync("op-a", leaderElect: true, cancellationToken);
        var b = await world.StartOperatorAsync("op-b", leaderElect: true, cancellationToken);
        using var lease = new LeaseReader(world.Server.BaseUri);
        string? leader = null;
        await UntilAsync(async ct => (leader = await lease.HolderPodAsync(ct)) is "op-a" or "op-b", Converge, "a replica holds the Lease", cancellationToken);
        var (leading, standing) = leader == "op-a" ? (a, b) : (b, a);
        using var toLeader = new ScimPusher(leading.Url, Ns, "pushed", pushToken);
        using var toStandby = new ScimPusher(standing.Url, Ns, "pushed", pushToken);
        await UntilAsync(toLeader.ServesAsync, Converge, "the leader serves the IdentityProvider's SCIM endpoint", cancellationToken);

        // Push i goes to the leader when i is even, to the standby when odd, as a Service would spread them.
        var sent = 0;
        ScimPusher Next() => sent++ % 2 == 0 ? toLeader : toStandby;
        var lost = 0;
        var emails = Enumerable.Range(1, Users).Select(i => $"push{i}@acme.test").ToList();
        var ids = new Dictionary<string, string>();
        var accepted = emails.ToDictionary(e => e, _ => true);
        foreach (var email in emails)
        {
            var (status, id) = await Next().CreateUserAsync(email, cancellationToken);
            if (IsOk(status) && id is not null)
            {
                ids[email] = id;
            }
            else
            {
                (lost, accepted[email]) = (lost + 1, false);
            }
        }

        var (groupStatus, groupId) = await Next().CreateGroupAsync("Support", cancellationToken);
        lost += IsOk(groupStatus) && groupId is not null ? 0 : 1;
        foreach (var email in emails)
        {
            var target = Next();
            if (groupId is null || !ids.TryGetValue(email, out var id) || !IsOk(await target.AddMemberAsync(groupId, id, email, cancellationToken)))
            {
                (lost, accepted[email]) = (lost + 1, false); // refused, or never sendable: the IdP's user or group was refused before
            }
        }

        var leaver = emails[^1];
        var deactivated = ids.TryGetValue(leaver, out var leaverId) && IsOk(await Next().DeactivateAsync(leaverId, cancellationToken));
        lost += deactivated ? 0 : 1;
        result.FaultsInjected = sent / 2; // pushes that reached the standby
        result.Note($"{sent} pushes, {sent / 2} of them to the standby; {lost} refused or not sendable");

        // Accepted pushes must reach the app: the members become Viewers, the deactivated one leaves.
        var members = emails.Take(Users - 1).ToList();
        await WithinAsync(async ct =>
        {
            var now = await Stages.SeatedAsync(app, emails, ct);
            return members.Count(now.Contains) == members.Count(m => accepted[m]) && !(deactivated && now.Contains(leaver));
        }, Converge, cancellationToken);
        var seated = await Stages.SeatedAsync(app, emails, cancellationToken);
        var unseen = members.Count(m => accepted[m] && !seated.Contains(m));
        result.PushesLost = lost + unseen;
        result.AccessLeftBehind = seated.Contains(leaver) ? 1 : 0;
        if (unseen > 0)
        {
            result.Note($"{unseen} members whose pushes were all accepted never got a seat");
        }

        Stages.Alive(leading, leader!);
    }

    private static bool IsOk(int status) => status is >= 200 and < 300;
}
