using Cerby.Operator.Resources;
using Cerby.Operator.Hosting;
using Cerby.Operator.Tests.Charts;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Every Kubernetes API call the operator made while running the seed flows (told apart from kubectl's and the test's by
/// its User-Agent) is allowed by the Helm chart's RBAC: a verb missing from the chart would be a 403 in a real cluster.
/// </summary>
public sealed class RbacEndToEndTests : EndToEndTest
{
    private const string Ns = "e2e-rbac";

    [HelmFact]
    public async Task The_charts_rbac_allows_every_call_the_operator_makes_in_the_seed_flows()
    {
        var org = Sandbox.Org;
        var social = org.CreateGroup("Social");
        var (zoe, yan) = (org.CreateUser("zoe@acme.test"), org.CreateUser("yan@acme.test"));
        org.AddToGroup(social, zoe);
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + Sandbox.MetaHubManifest(Ns, hubPolicy: "removalGuard: { maxRemovalsPercent: 100 }")
            + OperatorSandbox.Binding(Ns, "social", "Social")
            + OperatorSandbox.Share(Ns, "social", "Editor", team: "social")
            + OperatorSandbox.Share(Ns, "social-meta", "Editor", team: "social", hub: OperatorSandbox.MetaHub));
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("zoe@acme.test"), "zoe provisioned");
        await Eventually.TrueAsync(() => Sandbox.Meta.Business.InviteByEmail("zoe@acme.test") is not null, "zoe invited to Meta (ledger created)");
        org.AddToGroup(social, yan);
        await Eventually.TrueAsync(() => Sandbox.Meta.Business.InviteByEmail("yan@acme.test") is not null, "yan invited to Meta (ledger updated)");

        // Drift reported twice (the same Event counted again: a patch), then a share deleted (finalizer removed).
        await Sandbox.CreateScimUserByHandAsync("mallory@acme.test", "admin");
        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.RequestSync}=1", "--overwrite");
        await WaitForEventAsync(Ns, "DriftDetected", "mallory@acme.test");
        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.RequestSync}=2", "--overwrite");
        await Eventually.TrueAsync(async () => (await Sandbox.EventsAsync(Ns)).Any(e => e.Reason == "DriftDetected" && e.DeprecatedCount >= 2), "DriftDetected counted twice (the count of a core/v1 event, as events.k8s.io shows it)");
        await Sandbox.KubectlAsync("delete", "teamshare", "social-meta", "-n", Ns, "--timeout=30s");

        var operatorCalls = Sandbox.Server.Requests.Where(r => r.UserAgent?.StartsWith(OperatorHost.UserAgentProduct + "/", StringComparison.Ordinal) == true).ToList();
        Assert.Contains(operatorCalls, r => r is { Resource: "configmaps", Verb: "update" });
        Assert.Contains(operatorCalls, r => r is { Resource: "events", Verb: "patch" }); // a repeated Event: its count, with no read
        Assert.Contains(operatorCalls, r => r is { Resource: "teamshares", Verb: "patch" });
        Assert.Contains(operatorCalls, r => r is { Resource: "secrets", Verb: "get" });
        var uncovered = RbacCoverage.Uncovered(operatorCalls);
        Assert.True(uncovered.Count == 0, "the chart's RBAC does not allow: " + RbacCoverage.Describe(uncovered));
    }
}
