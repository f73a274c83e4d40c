using System.Globalization;
using System.Text.Json.Nodes;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.EndToEnd;

namespace Cerby.Operator.Tests.Cli;

/// <summary>
/// <c>plan --live</c> (and <c>explain</c>/<c>report --live</c>) against the wire-level API server through a kubeconfig
/// file, the Okta emulator and the real scimmy app: a pull request's manifests laid over the cluster, the removal
/// guard's verdict, an app that cannot be read, and no Secret value in any output even when the peer echoes it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LivePlanTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempManifests _pullRequest = new();
    private LiveWorld _world = null!;
    private string _alice = "";

    public async Task InitializeAsync()
    {
        _world = await LiveWorld.StartAsync();
        var org = _world.Okta.Org;
        var editors = org.CreateGroup("Editors");
        _alice = org.CreateUser("alice@acme.test");
        org.AddToGroup(editors, _alice);
        await _world.ProvisionAsync("alice@acme.test", "editor");
    }

    public async Task DisposeAsync()
    {
        _pullRequest.Dispose();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task A_pull_request_raising_a_share_shows_the_raise_against_the_real_app_and_nothing_is_written()
    {
        await _world.ApplyAsync(_world.Basics() + LiveWorld.Binding("editors", "Editors") + LiveWorld.Share("editors", "Editor", team: "editors"));
        var kubeBefore = _world.Server.Requests.Count;
        var oktaBefore = _world.Okta.Requests.Count;

        var unchanged = Plan("--live");
        Assert.True(unchanged.ExitCode == 0, unchanged.Stdout + unchanged.Stderr);
        Assert.Contains("BusinessHub live/scim-app (scim): 0 changes", unchanged.Stdout, StringComparison.Ordinal);

        _pullRequest.With("shares.yaml", LiveWorld.Share("editors", "Admin", team: "editors"));
        var raised = Plan("--live", "-f", _pullRequest.Path, "-o", "json");
        output.WriteLine(Plan("--live", "-f", _pullRequest.Path).Stdout);

        Assert.True(raised.ExitCode == 3, raised.Stdout + raised.Stderr);
        var change = Assert.Single(JsonNode.Parse(raised.Stdout)!["hubs"]![0]!["changes"]!.AsArray())!;
        Assert.Equal("RaiseRole", change["action"]!.GetValue<string>());
        Assert.Equal("alice@acme.test", change["user"]!.GetValue<string>());
        Assert.Equal("Editor", change["from"]!.GetValue<string>());
        Assert.Equal("admin", change["nativeRole"]!.GetValue<string>());
        Assert.Contains("TeamShare live/editors", change["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Read-only: the cluster saw lists and gets only, Okta GETs only, and the app still has alice as editor.
        Assert.All(_world.Server.Requests.Skip(kubeBefore), r => Assert.Contains(r.Verb, new[] { "get", "list" }));
        Assert.NotEmpty(_world.Okta.Requests.Skip(oktaBefore));
        Assert.All(_world.Okta.Requests.Skip(oktaBefore), r => Assert.StartsWith("GET ", r, StringComparison.Ordinal));
        Assert.Equal("editor", (await _world.ReadAppAsync()).Members["alice@acme.test"].NativeRole);
    }

    [Fact]
    public async Task Removals_the_guard_holds_exit_4_with_the_hash_to_approve()
    {
        var org = _world.Okta.Org;
        org.CreateUser("bob@acme.test");
        await _world.ProvisionAsync("bob@acme.test", "editor"); // in the app, in no group: no share justifies bob
        await _world.ApplyAsync(_world.Basics("removalGuard: { maxRemovals: 0 }") + LiveWorld.Binding("editors", "Editors") + LiveWorld.Share("editors", "Editor", team: "editors"));

        var result = Plan("--live");

        Assert.True(result.ExitCode == 4, result.Stdout + result.Stderr);
        Assert.Matches(@"Held removals \(1\), hash [0-9a-f]+", result.Stdout);
        Assert.Matches(@"Remove\s+bob@acme\.test", result.Stdout);
    }

    [Fact]
    public async Task An_app_that_cannot_be_read_is_unknown_with_exit_5_and_its_echoed_token_never_printed()
    {
        await _world.ApplyAsync(_world.Basics() + LiveWorld.Binding("editors", "Editors") + LiveWorld.Share("editors", "Editor", team: "editors"));
        await _world.FailScimReadsEchoingTheTokenAsync();

        var table = Plan("--live");
        var json = Plan("--live", "-o", "json");
        var report = CliResult.Run("report", "--live", "--kubeconfig", _world.Kubeconfig, "--format", "csv");

        output.WriteLine(table.Stdout);
        Assert.True(table.ExitCode == 5, table.Stdout + table.Stderr);
        Assert.Contains("BusinessHub live/scim-app (scim): unknown, its changes are withheld", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("is not valid", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, json.ExitCode);
        var hub = JsonNode.Parse(json.Stdout)!["hubs"]![0]!;
        Assert.Contains("the app could not be read", hub["unknown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(hub["changes"]!.AsArray());
        Assert.Equal(5, report.ExitCode);
        foreach (var output in new[] { table, json, report })
        {
            Assert.DoesNotContain(_world.ScimToken, output.Stdout + output.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(_world.Okta.ApiToken, output.Stdout + output.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_IdP_that_cannot_be_read_leaves_its_hubs_unknown_never_empty_and_its_echoed_token_unprinted()
    {
        await _world.ApplyAsync(_world.Basics() + LiveWorld.Binding("editors", "Editors") + LiveWorld.Share("editors", "Editor", team: "editors"));
        _world.Okta.Faults.EchoCredentialsInErrors = true;
        _world.Okta.Faults.Fail(times: 1000, status: 401, pathContains: "/users");

        var result = Plan("--live");

        Assert.True(result.ExitCode == 5, result.Stdout + result.Stderr);
        Assert.Contains("IdentityProvider live/okta could not be read", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Remove", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Okta.ApiToken, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_pull_request_manifest_fails_with_its_file_and_line()
    {
        await _world.ApplyAsync(_world.Basics() + LiveWorld.Binding("editors", "Editors") + LiveWorld.Share("editors", "Editor", team: "editors"));
        _pullRequest.With("shares.yaml", LiveWorld.Share("editors", "Owner", team: "editors"));

        var result = Plan("--live", "-f", _pullRequest.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(_pullRequest.Display("shares.yaml") + ":", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Owner", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_and_report_live_name_the_paths_and_since_when_the_ledger_knows_the_member()
    {
        var org = _world.Okta.Org;
        var leads = org.CreateGroup("Leads");
        org.AddToGroup(leads, _alice);
        await _world.ApplyAsync(_world.Basics() + LiveWorld.Binding("editors", "Editors") + LiveWorld.Binding("leads", "Leads")
            + LiveWorld.Share("editors", "Editor", team: "editors") + LiveWorld.Share("leads", "Admin", team: "leads") + $$"""
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: cerby-ledger-{{LiveWorld.Hub}}, namespace: {{LiveWorld.Ns}} }
            data:
              since: "alice@acme.test\t{{new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}"
            """);

        var explain = CliResult.Run("explain", "--hub", "live/scim-app", "--user", "Alice@acme.test", "--live", "--kubeconfig", _world.Kubeconfig, "-o", "json");
        var report = CliResult.Run("report", "--live", "--kubeconfig", _world.Kubeconfig, "--format", "csv");

        Assert.True(explain.ExitCode == 0, explain.Stderr);
        var json = JsonNode.Parse(explain.Stdout)!;
        Assert.Equal("Admin", json["entitled"]!["role"]!.GetValue<string>());
        Assert.Equal(2, json["paths"]!.AsArray().Count);
        Assert.Equal("lowerRole", json["paths"]![0]!["ifRemoved"]!["outcome"]!.GetValue<string>());
        Assert.Equal("keep", json["paths"]![1]!["ifRemoved"]!["outcome"]!.GetValue<string>());
        Assert.Equal("2026-03-02T09:15:00+00:00", json["inApp"]!["knownSince"]!.GetValue<string>());
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.True(report.Stdout.Contains("live/scim-app,alice@acme.test,active,Editor,editor,,Admin via team leads (TeamShare live/leads); also Editor via team editors (TeamShare live/editors),", StringComparison.Ordinal), report.Stdout);
        Assert.EndsWith(",true,2026-03-02T09:15:00Z", report.Stdout.Split("\r\n")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pushed_SCIM_IdP_is_read_from_its_durable_store_without_writing_it()
    {
        await _world.ApplyAsync($$"""
            apiVersion: v1
            kind: Namespace
            metadata: { name: {{LiveWorld.Ns}} }
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: scim-token, namespace: {{LiveWorld.Ns}} }
            stringData: { token: {{_world.ScimToken}} }
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: IdentityProvider
            metadata: { name: pushed, namespace: {{LiveWorld.Ns}} }
            spec: { type: scim, credentialsSecretRef: { name: scim-push } }
            ---

            """ + _world.HubManifest() + LiveWorld.Binding("editors", "Editors").Replace("name: okta", "name: pushed", StringComparison.Ordinal) + LiveWorld.Share("editors", "Viewer", team: "editors"));
        using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(_world.Kubeconfig));
        using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<IdentityProvider>(ApiGroup.Group, ApiGroup.Version, LiveWorld.Ns, IdentityProvider.Plural, "pushed");
        var idp = response.Body;
        var tenant = new Operator.Identity.Scim.ScimRegistry(TimeProvider.System, new Identity.Okta.CapturedLog())
            .Serve($"{LiveWorld.Ns}/pushed", "push-token", new Operator.Controllers.IdentityProviders.SecretIdentityState(client, idp));
        var user = await tenant.Persistence.MutateAsync(s => s.Create(Operator.Identity.Scim.ScimResourceKind.User,
            JsonNode.Parse(Identity.Scim.ScimRequests.OktaCreateUser("alice@acme.test", "Alice", "A", "00ualice"))).Id, CancellationToken.None);
        var group = await tenant.Persistence.MutateAsync(s => s.Create(Operator.Identity.Scim.ScimResourceKind.Group,
            JsonNode.Parse(Identity.Scim.ScimRequests.OktaCreateGroup("Editors"))).Id, CancellationToken.None);
        await tenant.Persistence.MutateAsync(s => s.Patch(Operator.Identity.Scim.ScimResourceKind.Group, group,
            JsonNode.Parse(Identity.Scim.ScimRequests.OktaGroupMembers([], [(user, "alice@acme.test")])), null).Id, CancellationToken.None);
        var kubeBefore = _world.Server.Requests.Count;

        var result = Plan("--live");

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.Matches(@"LowerRole\s+alice@acme\.test\s+Editor\s+Viewer \(viewer\)", result.Stdout);
        Assert.All(_world.Server.Requests.Skip(kubeBefore), r => Assert.Contains(r.Verb, new[] { "get", "list" }));
    }

    [Fact]
    public async Task An_Entra_IdP_is_read_through_the_operators_Graph_source()
    {
        await using var graph = await Emulators.Graph.GraphEmulator.StartAsync();
        var tenant = graph.Tenant;
        tenant.AddMember(tenant.CreateGroup("Engineers"), tenant.CreateUser("vera@acme.test"));
        await _world.ApplyAsync(_world.Basics() + $$"""
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: entra-app, namespace: {{LiveWorld.Ns}} }
            stringData: { clientSecret: "{{graph.ClientSecret}}" }
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: IdentityProvider
            metadata: { name: entra, namespace: {{LiveWorld.Ns}} }
            spec:
              type: entra
              entra: { tenantId: "{{graph.TenantId}}", clientId: "{{graph.ClientId}}", graphBaseUrl: "{{graph.GraphBaseUrl.ToString().TrimEnd('/')}}", authorityHost: "{{graph.AuthorityHost.ToString().TrimEnd('/')}}" }
              credentialsSecretRef: { name: entra-app }

            """ + LiveWorld.Binding("engineers", "Engineers").Replace("name: okta", "name: entra", StringComparison.Ordinal) + LiveWorld.Share("engineers", "Viewer", team: "engineers"));

        var result = Plan("--live");

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.Matches(@"Add\s+vera@acme\.test\s+-\s+Viewer \(viewer\)\s+Viewer via team engineers \(TeamShare live/engineers\)", result.Stdout);
        Assert.DoesNotContain(graph.ClientSecret, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private CliResult Plan(params string[] args) => CliResult.Run(["plan", .. args, "--kubeconfig", _world.Kubeconfig]);
}
