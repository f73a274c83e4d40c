using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>What keeps a mistake from emptying an app: the removal guard, dry run, IdP outages, and share deletion.</summary>
public sealed class SafetyTests : EndToEndTest
{
    private const string Ns = "e2e-safety";

    [Fact]
    public async Task A_group_emptied_by_mistake_is_held_by_the_removal_guard_until_the_plan_is_approved()
    {
        var org = Sandbox.Org;
        var group = org.CreateGroup("Support");
        var users = Enumerable.Range(1, 4).Select(i => org.CreateUser($"support{i}@acme.test")).ToList();
        users.ForEach(u => org.AddToGroup(group, u));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns, hubPolicy: "removalGuard: { maxRemovals: 2 }")
            + OperatorSandbox.Binding(Ns, "support", "Support") + OperatorSandbox.Share(Ns, "support", "Viewer", team: "support"));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 4, "four seats");

        users.ForEach(u => org.RemoveFromGroup(group, u));
        var hub = await Sandbox.WaitForHubAsync(Ns, h => Is(h, "RemovalsHeld", ConditionStatus.True) && h.Status!.PendingPlan?.Changes == 4, "four removals held");
        Assert.Equal(4, (await Sandbox.ScimSeatsAsync()).Count);
        await WaitForEventAsync(Ns, "RemovalsHeld", "4 removals exceed the removal guard");
        var describe = await Sandbox.KubectlAsync("describe", "businesshub", OperatorSandbox.ScimHub, "-n", Ns);
        Assert.Contains("RemovalsHeld", describe, StringComparison.Ordinal);

        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.ApproveRemovals}={hub.Status!.PendingPlan!.Hash}", "--overwrite");
        await Sandbox.WaitForSeatsAsync(s => s.Count == 0, "all four removed once approved");
        await Sandbox.WaitForHubAsync(Ns, h => Is(h, "RemovalsHeld", ConditionStatus.False) && Synced(h), "nothing held");
    }

    [Fact]
    public async Task Dry_run_shows_the_plan_in_status_and_changes_nothing()
    {
        var org = Sandbox.Org;
        var group = org.CreateGroup("Sales");
        org.AddToGroup(group, org.CreateUser("olga@acme.test"));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns, hubPolicy: "dryRun: true")
            + OperatorSandbox.Binding(Ns, "sales", "Sales") + OperatorSandbox.Share(Ns, "sales", "Editor", team: "sales"));

        var hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingPlan?.Changes == 1 && Reason(h, "Synced") == "DryRun", "dry-run plan in status");
        Assert.Contains(hub.Status!.PendingPlan!.Entries, e => e.StartsWith("Add olga@acme.test", StringComparison.Ordinal));
        Assert.Empty(await Sandbox.ScimSeatsAsync());

        // Turning dry run off applies the same plan.
        await Sandbox.KubectlAsync("patch", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, "--type=merge", "-p", "{\"spec\":{\"policy\":{\"dryRun\":false}}}");
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("olga@acme.test"), "olga provisioned once dry run is off");
    }

    [Fact]
    public async Task An_okta_outage_keeps_last_known_membership_marks_it_stale_and_removes_nobody()
    {
        var org = Sandbox.Org;
        var group = org.CreateGroup("Finance");
        var (pia, quinn) = (org.CreateUser("pia@acme.test"), org.CreateUser("quinn@acme.test"));
        org.AddToGroup(group, pia);
        org.AddToGroup(group, quinn);
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "finance", "Finance") + OperatorSandbox.Share(Ns, "finance", "Viewer", team: "finance"));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 2, "two seats");

        Sandbox.Okta.Faults.Fail(100_000, 500);
        org.RemoveFromGroup(group, pia);
        var hub = await Sandbox.WaitForHubAsync(Ns, h => Is(h, "IdpStale", ConditionStatus.True), "hub marks the IdP stale");
        Assert.Equal("MembershipStale", Reason(hub, "IdpStale"));
        var idp = await Sandbox.GetAsync<IdentityProvider>(Ns, IdentityProvider.Plural, "okta");
        Assert.Contains(idp.Status!.Conditions, c => c.Type == "Ready" && c.Status == ConditionStatus.False && c.Reason == "Unreachable");
        await Eventually.TrueAsync(async () => (await Sandbox.GetAsync<IdpGroupBinding>(Ns, IdpGroupBinding.Plural, "finance")).Status?.Conditions
            .Any(c => c.Type == "Synced" && c.Reason == "MembershipStale") == true, "binding reports stale membership");

        var metrics = "";
        await Eventually.TrueAsync(async () => (metrics = await Sandbox.MetricsAsync()).Contains($"cerby_idp_stale{{namespace=\"{Ns}\",idp=\"okta\"}} 1", StringComparison.Ordinal),
            () => "cerby_idp_stale is 1 for the IdP; metrics: " + string.Join("\n", metrics.Split('\n').Where(l => l.StartsWith("cerby_idp", StringComparison.Ordinal))));

        // Forcing syncs while Okta is down still removes nobody.
        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.RequestSync}=during-outage", "--overwrite");
        await Sandbox.WaitForHubAsync(Ns, h => Is(h, "IdpStale", ConditionStatus.True) && h.Status!.Members == 2, "still two members");
        Assert.Equal(2, (await Sandbox.ScimSeatsAsync()).Count);
    }

    [Fact]
    public async Task Deleting_a_share_removes_exactly_the_access_it_alone_justified_before_the_share_goes()
    {
        var org = Sandbox.Org;
        var (a, b) = (org.CreateGroup("Ops"), org.CreateGroup("Ops Leads"));
        var (ray, sam) = (org.CreateUser("ray@acme.test"), org.CreateUser("sam@acme.test"));
        org.AddToGroup(a, ray);
        org.AddToGroup(a, sam);
        org.AddToGroup(b, sam);
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops") + OperatorSandbox.Binding(Ns, "ops-leads", "Ops Leads")
            + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops") + OperatorSandbox.Share(Ns, "ops-leads", "Admin", team: "ops-leads"));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 2 && s["sam@acme.test"].Role == "admin", "ray viewer, sam admin");

        await Sandbox.KubectlAsync("delete", "teamshare", "ops-leads", "-n", Ns, "--wait=true", "--timeout=30s");
        var seats = await Sandbox.ScimSeatsAsync();
        Assert.Equal("viewer", seats["sam@acme.test"].Role); // already lowered when the delete returned
        Assert.Equal("viewer", seats["ray@acme.test"].Role);
        await WaitForEventAsync(Ns, "RoleChanged", "sam@acme.test", "Admin → Viewer");
    }

    [Fact]
    public async Task Credentials_never_appear_in_logs_status_events_or_metrics()
    {
        var org = Sandbox.Org;
        var group = org.CreateGroup("Legal");
        org.AddToGroup(group, org.CreateUser("tess@acme.test"));
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "legal", "Legal") + OperatorSandbox.Share(Ns, "legal", "Viewer", team: "legal"));
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("tess@acme.test"), "tess provisioned");

        var everything = string.Join("\n",
            await Sandbox.KubectlAsync("get", "businesshubs,teamshares,idpgroupbindings,identityproviders", "-n", Ns, "-o", "yaml"),
            await Sandbox.KubectlAsync("get", "events", "-n", Ns, "-o", "yaml"),
            await Sandbox.MetricsAsync(),
            string.Join("\n", Sandbox.Logs.Log.Lines));
        Assert.Contains("cerby_access_changes_total", everything, StringComparison.Ordinal);
        Assert.Contains(Sandbox.Logs.Log.Lines, l => l.Contains("tess@acme.test", StringComparison.Ordinal) && l.Contains("applied", StringComparison.Ordinal));
        foreach (var secret in Sandbox.SecretValues)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
