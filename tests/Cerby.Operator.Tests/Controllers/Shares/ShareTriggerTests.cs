using Cerby.Operator.Resources;
using Cerby.Operator.Tests.EndToEnd;

namespace Cerby.Operator.Tests.Controllers.Shares;

/// <summary>
/// A hub's shares are reconciled when what they show changes (the users they grant, whether the hub is Ready), not on
/// every hub status write: a hub with thousands of shares writes status on every sync.
/// </summary>
public sealed class ShareTriggerTests : EndToEndTest
{
    private const string Ns = "e2e-share-triggers";
    private static readonly string[] Shares = ["ops", "carol", "dave", "erin"];

    [Fact]
    public async Task A_hub_status_write_that_changes_nothing_a_share_shows_reconciles_no_share_and_a_count_change_reaches_its_share()
    {
        var org = Sandbox.Org;
        var ops = org.CreateGroup("Ops");
        org.AddToGroup(ops, org.CreateUser("amy@acme.test"));
        var bob = org.CreateUser("bob@acme.test");
        org.AddToGroup(ops, bob);
        foreach (var name in Shares.Skip(1))
        {
            org.CreateUser($"{name}@acme.test");
        }

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops") + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops")
            + string.Concat(Shares.Skip(1).Select(name => OperatorSandbox.Share(Ns, name, "Editor", user: $"{name}@acme.test"))));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 5, "five seats");
        await Sandbox.WaitForHubAsync(Ns, h => Synced(h) && Reason(h, "Synced") == "InSync", "the sync after the changes confirmed them");
        await WaitForSharesAsync(s => s.Status?.GrantedUsers == (s.Metadata.Name == "ops" ? 2 : 1) && IsReady(s, "Granted"), "every share Ready with its count");
        var before = await SettledShareReconcilesAsync();

        // Someone adds a member in the app by hand; the hub's next sync reports drift: its status changes (members,
        // Drifted, Ready's message) but nothing a share shows does.
        await Sandbox.CreateScimUserByHandAsync("mallory@acme.test", "admin");
        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.RequestSync}=check-1", "--overwrite");
        await Sandbox.WaitForHubAsync(Ns, h => h.Status?.Drift?.Count == 1 && h.Status.Members == 6, "drift reported");
        await StaysAsync(async () => ShareReconciles(await Sandbox.MetricsAsync()) == before, TimeSpan.FromSeconds(3),
            async () => $"teamshare reconciles went from {before} to {ShareReconciles(await Sandbox.MetricsAsync())} after a hub status write no share shows");

        // A change of the users a share grants reaches that share, from the hub's sync.
        org.RemoveFromGroup(ops, bob);
        await WaitForSharesAsync(s => s.Metadata.Name != "ops" || (s.Status?.GrantedUsers == 1 && IsReady(s, "Granted")), "share ops counts one user");
        var ready = await Sandbox.GetAsync<TeamShare>(Ns, TeamShare.Plural, "ops");
        Assert.Contains("to 1 users", ready.Status!.Conditions.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
    }

    private static double ShareReconciles(string metrics) => ReconcileCounts.Of(metrics, "teamshare");

    private static bool IsReady(TeamShare share, string reason) =>
        share.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == ConditionStatus.True && c.Reason == reason) == true;

    private async Task WaitForSharesAsync(Func<TeamShare, bool> condition, string what)
    {
        var last = new List<TeamShare>();
        await Eventually.TrueAsync(
            async () =>
            {
                last = [.. await Task.WhenAll(Shares.Select(name => Sandbox.GetAsync<TeamShare>(Ns, TeamShare.Plural, name)))];
                return last.All(condition);
            },
            () => $"{what}; shares: {string.Join(", ", last.Select(s => $"{s.Metadata.Name}={s.Status?.GrantedUsers}/{s.Status?.Conditions.FirstOrDefault()?.Reason}"))}",
            TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// The teamshare reconcile count once it has stopped moving for longer than a share's own re-read (the shares' own
    /// creation settles: a share reconciled while the access model was being rebuilt reads again after StatusTolerance).
    /// </summary>
    private async Task<double> SettledShareReconcilesAsync()
    {
        var (last, since) = (-1.0, DateTime.UtcNow);
        double now = 0;
        await Eventually.TrueAsync(
            async () =>
            {
                now = ShareReconciles(await Sandbox.MetricsAsync());
                if (now != last)
                {
                    (last, since) = (now, DateTime.UtcNow);
                }

                return DateTime.UtcNow - since >= Cerby.Operator.Controllers.Shares.TeamShareDecision.StatusTolerance + TimeSpan.FromSeconds(1);
            },
            () => $"teamshare reconciles to settle (last {last})",
            TimeSpan.FromSeconds(30));
        return now;
    }

    /// <summary>Checks that <paramref name="holds"/> stays true for <paramref name="window"/> (the negative of Eventually; fails at the first miss).</summary>
    private static async Task StaysAsync(Func<Task<bool>> holds, TimeSpan window, Func<Task<string>> what)
    {
        var until = DateTime.UtcNow + window;
        while (DateTime.UtcNow < until)
        {
            if (!await holds())
            {
                Assert.Fail(await what());
            }

            await Task.Delay(50);
        }
    }
}
