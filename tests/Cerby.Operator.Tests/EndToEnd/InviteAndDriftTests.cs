using Cerby.Operator.Resources;
using k8s;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>Seed 002: an invite stays pending until accepted; drift found in the app is reported, reviewed, then applied.</summary>
public sealed class InviteAndDriftTests : EndToEndTest
{
    private const string Ns = "e2e-002";

    [Fact]
    public async Task Seed002_a_meta_invite_is_pending_until_accepted_then_the_seat_gets_its_role_and_page()
    {
        var org = Sandbox.Org;
        var social = org.CreateGroup("Social");
        var lee = org.CreateUser("lee@acme.test");
        org.AddToGroup(social, lee);
        var page = Sandbox.Meta.Business.SeedPage("555001");

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + Sandbox.MetaHubManifest(Ns)
            + OperatorSandbox.Binding(Ns, "social", "Social")
            + OperatorSandbox.Share(Ns, "social", "Editor", team: "social", hub: OperatorSandbox.MetaHub, assets: "[{ kind: page, id: \"555001\" }]"));

        await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingInvites == 1 && Synced(h), "one pending invite", OperatorSandbox.MetaHub);
        Assert.Equal("EMPLOYEE", Sandbox.Meta.Business.InviteByEmail("lee@acme.test")?.Role);
        Assert.Null(Sandbox.Meta.Business.UserByEmail("lee@acme.test"));
        await WaitForEventAsync(Ns, "UserInvited", "lee@acme.test", "Editor");

        // Lee accepts; "check for updates" (the sync-requested annotation) reads the app again at once.
        var userId = Sandbox.Meta.Business.AcceptInvite("lee@acme.test");
        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.MetaHub, "-n", Ns, $"{Annotations.RequestSync}=accepted", "--overwrite");
        await Eventually.TrueAsync(() => Sandbox.Meta.Business.TasksOf(page, userId) is { Count: 2 } tasks && tasks.Contains("ADVERTISE") && tasks.Contains("ANALYZE"),
            "the page's Editor tasks granted once the invite was accepted", TimeSpan.FromSeconds(30));
        var hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingInvites == 0 && h.Status.MembersByRole.GetValueOrDefault("Editor") == 1 && Synced(h),
            "lee holds a seat", OperatorSandbox.MetaHub);
        Assert.Equal(1, hub.Status!.Members);
        await WaitForEventAsync(Ns, "AssetGranted", "lee@acme.test", "page/555001");

        // Meta cannot mark operator-made members: the hub's ledger remembers lee, so losing access removes her.
        var ledger = await Sandbox.Client.CoreV1.ReadNamespacedConfigMapAsync("cerby-ledger-meta", Ns);
        Assert.Contains("lee@acme.test", ledger.Data["members"], StringComparison.Ordinal);
        org.RemoveFromGroup(social, lee);
        await Eventually.TrueAsync(() => Sandbox.Meta.Business.UserByEmail("lee@acme.test") is null, "lee removed from the business", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Seed002_drift_from_a_hand_made_change_is_reported_then_applied_when_the_report_is_approved()
    {
        var org = Sandbox.Org;
        var team = org.CreateGroup("Writers");
        org.AddToGroup(team, org.CreateUser("nora@acme.test"));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "writers", "Writers") + OperatorSandbox.Share(Ns, "writers", "Editor", team: "writers"));
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("nora@acme.test"), "nora provisioned");

        // Someone adds a member in the app by hand; "check for updates" finds it and reports it, changing nothing.
        await Sandbox.CreateScimUserByHandAsync("mallory@acme.test", "admin");
        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.RequestSync}=check-1", "--overwrite");
        var hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.Drift?.Count == 1 && Is(h, "Drifted", ConditionStatus.True), "drift reported");
        Assert.Contains(hub.Status!.Drift!.Entries, e => e.Contains("mallory@acme.test", StringComparison.Ordinal));
        Assert.True((await Sandbox.ScimSeatsAsync()).ContainsKey("mallory@acme.test"), "report mode changes nothing");
        await WaitForEventAsync(Ns, "DriftDetected", "mallory@acme.test");
        Assert.Contains($"cerby_hub_drift_members{{namespace=\"{Ns}\",hub=\"scim-app\"}} 1", await Sandbox.MetricsAsync(), StringComparison.Ordinal);

        // Review, then apply exactly that report.
        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.ApplyDrift}={hub.Status.Drift.Hash}", "--overwrite");
        await Sandbox.WaitForSeatsAsync(s => !s.ContainsKey("mallory@acme.test") && s.ContainsKey("nora@acme.test"), "mallory removed, nora kept");
        await WaitForEventAsync(Ns, "DriftCorrected", "mallory@acme.test");
        await Sandbox.WaitForHubAsync(Ns, h => Is(h, "Drifted", ConditionStatus.False) && h.Status!.Drift is null, "no drift left");
        var metrics = await Sandbox.MetricsAsync();
        Assert.Contains($"cerby_hub_drift_members{{namespace=\"{Ns}\",hub=\"scim-app\"}} 0", metrics, StringComparison.Ordinal);
        Assert.Contains($"cerby_access_changes_total{{namespace=\"{Ns}\",hub=\"scim-app\",kind=\"Remove\",result=\"applied\"}} 1", metrics, StringComparison.Ordinal);
    }
}
