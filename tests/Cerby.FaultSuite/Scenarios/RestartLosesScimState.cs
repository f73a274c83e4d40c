using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite.Scenarios;

/// <summary>
/// The IdP pushed users and a group, then the operator is killed (-9) and restarted. The IdP only sends changes: a
/// member removed from the group and a user deactivated, by the ids it got before the restart. Both pushes must be
/// taken and both people must lose their seats; the member who stays must keep hers.
/// </summary>
internal sealed class RestartLosesScimState() : Scenario("scim-restart", "2. a restart loses the inbound SCIM state")
{
    private const string Ns = "restart";

    public override async Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken)
    {
        var app = await world.StartScimAppAsync();
        var pushToken = world.NewSecret("push");
        await world.ApplyAsync(Stages.PushedToScimHub(Ns, pushToken, app), cancellationToken);
        var first = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        string[] emails = ["leaver@acme.test", "deactivated@acme.test", "stayer@acme.test"];
        var ids = new Dictionary<string, string>();
        string groupId;
        using (var idp = new ScimPusher(first.Url, Ns, "pushed", pushToken))
        {
            await UntilAsync(idp.ServesAsync, Converge, "the operator serves the SCIM endpoint", cancellationToken);
            foreach (var email in emails)
            {
                ids[email] = (await idp.CreateUserAsync(email, cancellationToken)).Id ?? throw new InvalidOperationException($"push of {email} refused before any fault");
            }

            groupId = (await idp.CreateGroupAsync("Support", cancellationToken)).Id ?? throw new InvalidOperationException("group push refused before any fault");
            foreach (var email in emails)
            {
                _ = await idp.AddMemberAsync(groupId, ids[email], email, cancellationToken);
            }
        }

        await UntilAsync(async ct => (await Stages.SeatedAsync(app, emails, ct)).Count == emails.Length, Converge, "the three pushed members get seats", cancellationToken);

        await first.KillAsync();
        result.FaultsInjected = 1;
        var second = await world.StartOperatorAsync("op", leaderElect: false, cancellationToken);
        using var again = new ScimPusher(second.Url, Ns, "pushed", pushToken);
        await WithinAsync(again.ServesAsync, Converge, cancellationToken);
        var statuses = new[]
        {
            await again.RemoveMemberAsync(groupId, ids["leaver@acme.test"], cancellationToken),
            await again.DeactivateAsync(ids["deactivated@acme.test"], cancellationToken),
        };
        result.PushesLost = statuses.Count(s => s is < 200 or >= 300);
        result.Note($"change-only pushes after the restart answered {string.Join(", ", statuses)}");

        string[] leaving = ["leaver@acme.test", "deactivated@acme.test"];
        await WithinAsync(async ct => (await Stages.SeatedAsync(app, leaving, ct)).Count == 0, ActDeadline, cancellationToken);
        result.AccessLeftBehind = (await Stages.SeatedAsync(app, leaving, cancellationToken)).Count;
        result.WrongRemovals = (await Stages.SeatedAsync(app, ["stayer@acme.test"], cancellationToken)).Count == 1 ? 0 : 1;
        Stages.Alive(second, "op");
    }
}
