using Cerby.Emulators.Meta;
using Cerby.Emulators.Okta;
using Cerby.Operator.Controllers;
using Cerby.Operator.Hosting;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.LeaderElection;
using Cerby.Operator.Tests.Cli;
using Cerby.Operator.Tests.KubeApi;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Shards as the chart deploys them: operator instances with <c>--hub-selector</c> and a Lease each, on one API server.
/// Each hub is synced by the one shard whose selector matches its labels; a hub no shard selects is synced by none,
/// until an instance selecting the unlabelled ones (<c>!sharding.access.cerby.io/shard</c>) starts.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ShardingTests : IAsyncLifetime
{
    private const string Ns = "shards";
    private const string ShardLabel = "sharding.access.cerby.io/shard";
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), $"cerby-e2e-kubectl-{Guid.NewGuid():N}");
    private readonly List<WebApplication> _hosts = [];
    private readonly Dictionary<string, MetaEmulator> _apps = [];
    private KubeApiServer.KubeApiServer _server = null!;
    private OktaEmulator _okta = null!;
    private Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServer.KubeApiServerOptions { CrdDirectory = Path.Combine(RepoPaths.Root, "crds") });
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath));
        _okta = await OktaEmulator.StartAsync();
        foreach (var hub in new[] { "hub-1", "hub-2", "hub-3" })
        {
            _apps[hub] = await MetaEmulator.StartAsync(accessToken: "meta-" + hub);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }

        await _okta.DisposeAsync();
        _client.Dispose();
        await _server.DisposeAsync();
        if (Directory.Exists(_cacheDirectory))
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Each_hub_is_synced_by_the_one_shard_selecting_it_and_an_unlabelled_hub_by_neither_sharded_instance()
    {
        var org = _okta.Org;
        var groups = new Dictionary<string, string>();
        foreach (var (hub, person) in new[] { ("hub-1", "ann@acme.test"), ("hub-2", "ben@acme.test"), ("hub-3", "cat@acme.test") })
        {
            org.AddToGroup(groups[hub] = org.CreateGroup("Team " + hub), org.CreateUser(person));
        }

        await StartShardAsync("shard1", $"{ShardLabel}=shard1");
        await StartShardAsync("shard2", $"{ShardLabel}=shard2");
        await ApplyAsync(Manifests());

        await Eventually.TrueAsync(() => Invited("hub-1", "ann@acme.test") && Invited("hub-2", "ben@acme.test"), "ann invited into hub-1 and ben into hub-2", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => Synced(await HubAsync("hub-1")) && Synced(await HubAsync("hub-2")), "hub-1 and hub-2 Synced", TimeSpan.FromSeconds(30));

        // Exactly one instance acted on each hub: every Event about hub-1 comes from shard1, about hub-2 from shard2.
        IList<Eventsv1Event> events = [];
        await Eventually.TrueAsync(async () => ReportersOf(events = (await _client.EventsV1.ListNamespacedEventAsync(Ns)).Items, "hub-1").Count > 0
            && ReportersOf(events, "hub-2").Count > 0, "Events about hub-1 and hub-2");
        Assert.Equal(["op-shard1"], ReportersOf(events, "hub-1"));
        Assert.Equal(["op-shard2"], ReportersOf(events, "hub-2"));
        Assert.False(Invited("hub-1", "ben@acme.test") || Invited("hub-2", "ann@acme.test"), "a shard wrote into the other shard's hub");

        // Each shard leads under a Lease of its own.
        foreach (var shard in new[] { "shard1", "shard2" })
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync($"cerby-{shard}", "default");
            Assert.StartsWith($"op-{shard}_", lease.Spec.HolderIdentity, StringComparison.Ordinal);
        }

        // The unlabelled hub, its share and its app: untouched by both sharded instances.
        Assert.Null((await HubAsync("hub-3")).Status);
        Assert.Null((await ShareAsync("share-hub-3")).Status);
        Assert.Empty(_apps["hub-3"].Calls.All);
        Assert.Empty(ReportersOf(events, "hub-3"));
        Assert.NotNull((await ShareAsync("share-hub-1")).Status);

        // Each shard reads from the IdentityProvider only the groups its hubs need: nobody read hub-3's group.
        Assert.DoesNotContain(_okta.Requests, r => r.Contains(groups["hub-3"], StringComparison.Ordinal));
        Assert.Contains(_okta.Requests, r => r.Contains(groups["hub-1"], StringComparison.Ordinal));

        // A "default" shard selecting the hubs without the label picks it up, and only it.
        _apps["hub-1"].Calls.Clear();
        await StartShardAsync("unlabelled", $"!{ShardLabel}");
        await Eventually.TrueAsync(() => Invited("hub-3", "cat@acme.test"), "cat invited into hub-3 by the default shard", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => Synced(await HubAsync("hub-3")), "hub-3 Synced", TimeSpan.FromSeconds(30));
        var reporters = new List<string>();
        await Eventually.TrueAsync(async () => (reporters = ReportersOf((await _client.EventsV1.ListNamespacedEventAsync(Ns)).Items, "hub-3")).Count > 0, "an Event about hub-3");
        Assert.Equal(["op-unlabelled"], reporters);
        Assert.DoesNotContain(_apps["hub-1"].Calls.All, c => c.Method != "GET");
    }

    private async Task StartShardAsync(string shard, string selector)
    {
        var options = new OperatorOptions
        {
            Address = "127.0.0.1:0", LeaseNamespace = "default", LeaseName = $"cerby-{shard}", PodName = $"op-{shard}", Workers = 2, HubSelector = selector,
        };
        var host = OperatorHost.Build(options, KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath), AccessOperator.Register, AccessOperator.Map,
            new LeaderElectionOptions
            {
                LeaseNamespace = "", LeaseName = "", Identity = "",
                LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(10), RetryPeriod = TimeSpan.FromMilliseconds(200),
            });
        await host.StartAsync();
        _hosts.Add(host);
    }

    private bool Invited(string hub, string email) => _apps[hub].Business.InviteByEmail(email) is not null || _apps[hub].Business.UserByEmail(email) is not null;

    private static List<string> ReportersOf(IEnumerable<Eventsv1Event> events, string hub) =>
        [.. events.Where(e => e.Regarding?.Kind == BusinessHub.KindName && e.Regarding.Name == hub).Select(e => e.ReportingInstance).Distinct().Order(StringComparer.Ordinal)];

    private static bool Synced(BusinessHub hub) =>
        hub.Status?.Conditions.Any(c => c.Type == "Synced" && c.Status == ConditionStatus.True) == true && hub.Status.ObservedGeneration == hub.Metadata.Generation;

    private async Task<BusinessHub> HubAsync(string name) =>
        await _client.CustomObjects.GetNamespacedCustomObjectAsync<BusinessHub>(ApiGroup.Group, ApiGroup.Version, Ns, BusinessHub.Plural, name);

    private async Task<TeamShare> ShareAsync(string name) =>
        await _client.CustomObjects.GetNamespacedCustomObjectAsync<TeamShare>(ApiGroup.Group, ApiGroup.Version, Ns, TeamShare.Plural, name);

    private async Task ApplyAsync(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cerby-e2e-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        try
        {
            (await new Kubectl(_server.KubeconfigPath, _cacheDirectory).RunAsync("apply", "-f", file)).Succeeded();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The Okta IdentityProvider, and per hub: its Meta app, a binding of "Team hub-N" and a share (Editor).</summary>
    private string Manifests()
    {
        var yaml = $$"""
            apiVersion: v1
            kind: Namespace
            metadata: { name: {{Ns}} }
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: okta-api-token, namespace: {{Ns}} }
            data: { apiToken: {{OperatorSandbox.Base64(_okta.ApiToken)}} }
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: IdentityProvider
            metadata: { name: okta, namespace: {{Ns}} }
            spec:
              type: okta
              okta: { orgUrl: "{{_okta.OrgUrl.ToString().TrimEnd('/')}}", logPollInterval: 1s }
              credentialsSecretRef: { name: okta-api-token }

            """;
        foreach (var (hub, app) in _apps)
        {
            var labels = hub == "hub-3" ? "{}" : $"{{ {ShardLabel}: shard{hub[^1]} }}";
            yaml += $$"""
                ---
                apiVersion: v1
                kind: Secret
                metadata: { name: token-{{hub}}, namespace: {{Ns}} }
                data: { token: {{OperatorSandbox.Base64(app.AccessToken)}} }
                ---
                apiVersion: access.cerby.io/v1alpha1
                kind: BusinessHub
                metadata: { name: {{hub}}, namespace: {{Ns}}, labels: {{labels}} }
                spec:
                  connector: { type: meta, baseUrl: "{{app.BaseUrl.ToString().TrimEnd('/')}}", businessId: "{{app.Business.Id}}", inviteRequired: true, credentialsSecretRef: { name: token-{{hub}} } }
                  roles:
                    - { name: Admin, nativeRole: ADMIN }
                    - { name: Editor, nativeRole: EMPLOYEE }
                  policy: { resyncInterval: 30s }

                """
                + OperatorSandbox.Binding(Ns, "team-" + hub, "Team " + hub)
                + OperatorSandbox.Share(Ns, "share-" + hub, "Editor", team: "team-" + hub, hub: hub);
        }

        return yaml;
    }
}
