using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Cerby.Emulators.Meta;
using Cerby.Emulators.Okta;
using Cerby.Emulators.Scim;
using Cerby.KubeApiServer;
using Cerby.Operator.Controllers;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Resources;
using Cerby.Operator.Hosting;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Bench.Latency;

/// <summary>
/// Everything the latency run needs, on loopback: the API test server with the CRDs, the Okta emulator with the
/// population, the app (the real scimmy app under node, or the Meta emulator), and the operator host in this process (leader election off, default
/// options otherwise; its console log kept to warnings so the figures stay readable).
/// </summary>
internal sealed class LatencyRig : IAsyncDisposable
{
    private readonly List<Func<ValueTask>> _stops = [];
    private Kubernetes _client = null!;

    private LatencyRig()
    {
    }

    public OktaEmulator Okta { get; private set; } = null!;

    public OktaPopulation People { get; private set; } = null!;

    public IAppProbe App { get; private set; } = null!;

    public DetectionClock Detection { get; private set; } = null!;

    /// <summary>The hub's status conditions, to explain a missed deadline.</summary>
    public async Task<string> HubConditionsAsync(CancellationToken cancellationToken)
    {
        var hub = (await _client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<BusinessHub>(
            ApiGroup.Group, ApiGroup.Version, LatencyManifests.Namespace, BusinessHub.Plural, LatencyManifests.Hub, cancellationToken: cancellationToken)).Body;
        return string.Join("; ", hub.Status?.Conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}") ?? ["no status"]);
    }

    public static async Task<LatencyRig> StartAsync(LatencyOptions options, CancellationToken cancellationToken)
    {
        var rig = new LatencyRig();
        try
        {
            await rig.StartPartsAsync(options, cancellationToken);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _stops.Count - 1; i >= 0; i--)
        {
            await _stops[i]();
        }
    }

    private async Task StartPartsAsync(LatencyOptions options, CancellationToken cancellationToken)
    {
        var root = RepoRoot();
        var server = await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServerOptions { CrdDirectory = Path.Combine(root, "crds") }, cancellationToken);
        _stops.Add(server.DisposeAsync);
        var client = _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        _stops.Add(() =>
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        });

        Okta = await OktaEmulator.StartAsync(Token(), cancellationToken: cancellationToken);
        _stops.Add(Okta.DisposeAsync);
        People = OktaPopulation.Create(Okta.Org, options.Users);

        var appToken = Token();
        JsonObject hubSpec;
        if (options.App == LatencyApp.Meta)
        {
            var meta = await MetaEmulator.StartAsync(accessToken: appToken, cancellationToken: cancellationToken);
            App = new MetaAppProbe(meta);
            hubSpec = LatencyManifests.MetaHub(meta.BaseUrl, meta.Business.Id);
        }
        else
        {
            var scim = await ScimAppServer.StartAsync(Path.Combine(root, "tests", "scim-app"), appToken, TimeSpan.FromSeconds(30));
            App = new ScimAppProbe(scim, appToken);
            hubSpec = LatencyManifests.ScimHub(scim.ScimUrl);
        }

        _stops.Add(App.DisposeAsync);

        var host = OperatorHost.Build(
            new OperatorOptions { Address = "127.0.0.1:0", LeaderElection = false, PodName = "cerby-operator-bench" },
            KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath),
            services =>
            {
                services.Configure<LoggerFilterOptions>(filter => filter.MinLevel = LogLevel.Warning);
                AccessOperator.Register(services);
            },
            AccessOperator.Map);
        Detection = new DetectionClock(host.Services.GetRequiredService<IdentityCache>());
        await host.StartAsync(cancellationToken);
        _stops.Add(async () =>
        {
            await host.StopAsync();
            await host.DisposeAsync();
        });

        await client.CoreV1.CreateNamespaceAsync(Deserialize<k8s.Models.V1Namespace>(LatencyManifests.NamespaceObject()), cancellationToken: cancellationToken);
        foreach (var secret in new[] { LatencyManifests.Secret("okta-api-token", "apiToken", Okta.ApiToken), LatencyManifests.Secret(LatencyManifests.AppSecret, "token", appToken) })
        {
            await client.CoreV1.CreateNamespacedSecretAsync(Deserialize<k8s.Models.V1Secret>(secret), LatencyManifests.Namespace, cancellationToken: cancellationToken);
        }

        foreach (var (plural, body) in LatencyManifests.CustomResources(Okta.OrgUrl, hubSpec, options.LogPollInterval))
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, ApiGroup.Group, ApiGroup.Version, LatencyManifests.Namespace, plural, cancellationToken: cancellationToken);
        }
    }

    private static T Deserialize<T>(JsonObject json) => KubernetesJson.Deserialize<T>(json.ToJsonString());

    private static string Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cerby.Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the repository: Cerby.Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
