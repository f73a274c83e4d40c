using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>The real kubectl against the test server: what a user does with the CRDs and the examples.</summary>
public sealed class KubectlTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    private const string Ns = KubectlCluster.Namespace;

    [Fact]
    public void Crds_apply_and_become_established()
    {
        var applied = cluster.ApplyCrds.Succeeded();
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/teamshares.access.cerby.io created", applied);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/businesshubs.access.cerby.io created", applied);
        Assert.Equal(4, cluster.WaitEstablished.Succeeded().Split("condition met").Length - 1);
    }

    [Fact]
    public void Example_applies_with_default_client_side_validation()
    {
        var applied = cluster.ApplyExamples.Succeeded();
        Assert.Contains("namespace/seed-001 created", applied);
        Assert.Contains("businesshub.access.cerby.io/meta-marketing created", applied);
        Assert.Contains("identityprovider.access.cerby.io/okta created", applied);
        Assert.Contains("teamshare.access.cerby.io/marketing-editors created", applied);
        Assert.Contains("idpgroupbinding.access.cerby.io/marketing-admins created", applied);
    }

    [Fact]
    public async Task Reapplying_a_changed_share_patches_it_and_bumps_its_generation()
    {
        var file = TeamShares.WriteTempFile(TeamShares.Manifest("reapplied", Ns, role: "Editor"));
        (await cluster.Kubectl.RunAsync("apply", "-f", file)).Succeeded();
        File.WriteAllText(file, TeamShares.Manifest("reapplied", Ns, role: "Viewer").ToJsonString());

        var output = (await cluster.Kubectl.RunAsync("apply", "-f", file)).Succeeded();

        Assert.Contains("teamshare.access.cerby.io/reapplied configured", output);
        var share = await TeamShares.GetAsync(cluster.Client, Ns, "reapplied");
        Assert.Equal(("Viewer", 2L), (share["spec"]!["role"]!.GetValue<string>(), share["metadata"]!["generation"]!.GetValue<long>()));
        File.Delete(file);
    }

    [Fact]
    public async Task Get_teamshares_prints_the_printer_columns()
    {
        var lines = (await cluster.Kubectl.RunAsync("get", "teamshares", "-n", Ns)).Succeeded().Split('\n');
        Assert.Equal(["NAME", "HUB", "TEAM", "USER", "ROLE", "READY", "USERS", "EXPIRES", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var editors = lines.Single(line => line.StartsWith("marketing-editors ", StringComparison.Ordinal));
        Assert.Equal(["marketing-editors", "meta-marketing", "marketing-editors", "Editor"], editors.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
    }

    [Fact]
    public async Task Get_by_category_lists_every_kind_across_namespaces()
    {
        var output = (await cluster.Kubectl.RunAsync("get", "cerby", "-A")).Succeeded();
        Assert.Contains("businesshub.access.cerby.io/meta-marketing", output);
        Assert.Contains("identityprovider.access.cerby.io/okta", output);
        Assert.Contains("idpgroupbinding.access.cerby.io/marketing-editors", output);
        Assert.Contains("teamshare.access.cerby.io/marketing-admins", output);
        Assert.Contains("seed-001", output);
    }

    [Fact]
    public async Task Explain_shows_the_field_descriptions_from_the_crd()
    {
        var output = (await cluster.Kubectl.RunAsync("explain", "teamshare.spec.subject")).Succeeded();
        Assert.Contains("KIND:       TeamShare", output);
        Assert.Contains("Who the hub is shared with: exactly one of team or user.", output);
        Assert.Contains("team\t<string>", output);
        Assert.Contains("A team name; IdpGroupBindings feed its members.", output);
    }

    [Theory]
    [InlineData("both-subjects", """{"team":"a","user":"b"}""", "Editor", "page",
        """spec.subject: Invalid value: "object": exactly one of team or user must be set""")]
    [InlineData("bad-asset-kind", """{"team":"a"}""", "Editor", "video",
        "spec.assets[0].kind: Unsupported value: \"video\": supported values: \"page\", \"adAccount\", \"catalog\", \"instagramAccount\"")]
    [InlineData("bad-role", """{"team":"a"}""", "no such role!", "page",
        """spec.role: Invalid value: "no such role!": spec.role in body should match '^[A-Za-z0-9][A-Za-z0-9 ._-]*$'""")]
    public async Task An_invalid_share_is_rejected_with_the_servers_422(string name, string subject, string role, string assetKind, string message)
    {
        var manifest = TeamShares.Manifest(name, Ns, role: role);
        manifest["spec"]!["subject"] = JsonNode.Parse(subject);
        manifest["spec"]!["assets"] = new JsonArray(new JsonObject { ["kind"] = assetKind, ["id"] = "1" });
        var file = TeamShares.WriteTempFile(manifest);

        var stderr = (await cluster.Kubectl.RunAsync("apply", "-f", file)).Failed();

        Assert.Contains($"The TeamShare \"{name}\" is invalid", stderr);
        Assert.Contains(message, stderr);
        File.Delete(file);
    }

    [Fact]
    public async Task An_unknown_field_is_rejected_under_kubectls_strict_validation()
    {
        var manifest = TeamShares.Manifest("unknown-field", Ns);
        manifest["spec"]!["colour"] = "blue";
        var file = TeamShares.WriteTempFile(manifest);

        var stderr = (await cluster.Kubectl.RunAsync("apply", "-f", file)).Failed();

        Assert.Contains("strict decoding error: unknown field \"spec.colour\"", stderr);
        File.Delete(file);
    }

    [Fact]
    public async Task Schema_defaults_are_applied_on_create()
    {
        var drift = (await cluster.Kubectl.RunAsync("get", "businesshub", "meta-marketing", "-n", Ns, "-o", "jsonpath={.spec.policy.drift}")).Succeeded();

        Assert.Equal("report", drift);
    }

    [Fact]
    public async Task Delete_waits_until_the_finalizer_is_removed()
    {
        var manifest = TeamShares.Manifest("finalized", Ns);
        manifest["metadata"]!["finalizers"] = new JsonArray("access.cerby.io/cleanup");
        await TeamShares.CreateAsync(cluster.Client, manifest);

        using var delete = cluster.Kubectl.Start("delete", "teamshare", "finalized", "-n", Ns, "--timeout=25s");
        await Eventually.TrueAsync(
            async () => (await TeamShares.GetAsync(cluster.Client, Ns, "finalized"))["metadata"]!["deletionTimestamp"] is not null,
            "the share is marked for deletion");
        Assert.False(delete.HasExited, "kubectl delete returned while the finalizer was still there");

        await TeamShares.PatchAsync(cluster.Client, Ns, "finalized",
            JsonNode.Parse("""[{"op":"remove","path":"/metadata/finalizers"}]""")!, V1Patch.PatchType.JsonPatch);

        Assert.Contains("teamshare.access.cerby.io \"finalized\" deleted", (await delete.WaitAsync()).Succeeded());
        var get = await cluster.Kubectl.RunAsync("get", "teamshare", "finalized", "-n", Ns);
        Assert.Contains("NotFound", get.Failed());
    }

    [Fact]
    public async Task Describe_shows_conditions_and_events()
    {
        var share = await TeamShares.CreateAsync(cluster.Client, TeamShares.Manifest("described", Ns));
        await TeamShares.PatchStatusAsync(cluster.Client, Ns, "described", new JsonObject
        {
            ["conditions"] = new JsonArray(TeamShares.ReadyCondition("False", "HubNotFound", "hub meta-marketing is not ready")),
        });
        await cluster.Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "described.1", NamespaceProperty = Ns },
            EventTime = DateTime.UtcNow,
            ReportingController = "access.cerby.io/operator",
            ReportingInstance = "operator-0",
            Action = "Reconcile",
            Reason = "SyncFailed",
            Type = "Warning",
            Note = "hub meta-marketing is not ready",
            Regarding = new V1ObjectReference
            {
                ApiVersion = "access.cerby.io/v1alpha1", Kind = "TeamShare", NamespaceProperty = Ns, Name = "described",
                Uid = share["metadata"]!["uid"]!.GetValue<string>(),
            },
        }, Ns);

        var output = (await cluster.Kubectl.RunAsync("describe", "teamshare", "described", "-n", Ns)).Succeeded();

        Assert.Contains("Reason:                HubNotFound", output);
        Assert.Contains("Type:                  Ready", output);
        Assert.Matches(@"Warning\s+SyncFailed\s+\S+\s+access\.cerby\.io/operator\s+hub meta-marketing is not ready", output);
    }

    [Fact]
    public async Task Wait_for_Ready_returns_once_the_condition_is_set()
    {
        await TeamShares.CreateAsync(cluster.Client, TeamShares.Manifest("awaited", Ns));
        using var wait = cluster.Kubectl.Start("wait", "--for=condition=Ready", "teamshare/awaited", "-n", Ns, "--timeout=25s");
        await Eventually.TrueAsync(
            () => Task.FromResult(cluster.Server.Requests.Any(request => request is { Verb: "watch", Resource: "teamshares" })),
            "kubectl wait watches the share");

        await TeamShares.PatchStatusAsync(cluster.Client, Ns, "awaited", new JsonObject
        {
            ["conditions"] = new JsonArray(TeamShares.ReadyCondition("True", "Converged", "3 users have access")),
        });

        Assert.Contains("teamshare.access.cerby.io/awaited condition met", (await wait.WaitAsync()).Succeeded());
    }
}
