using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cerby.Emulators.Okta;
using Cerby.Emulators.Scim;
using Cerby.KubeApiServer;
using Cerby.Operator.Resources;
using Cerby.Sandbox;
using k8s;

namespace Cerby.Operator.Bench.Scale;

/// <summary>
/// One scenario's world on 127.0.0.1: the wire-level API test server (CRDs registered; it records every request with
/// its User-Agent), the Okta emulator (records every request), the app (<see cref="IScaleApp"/>), and the real operator,
/// <c>cerby-operator run</c>, as a child process started like the sandbox and the fault suite start it (default settings,
/// no leader election). Counters are read at the peers; the operator's peak RSS from /proc/&lt;pid&gt;/status (VmHWM).
/// </summary>
internal sealed class ScaleWorld : IAsyncDisposable
{
    public const string Namespace = "bench-scale";
    private readonly string _work;
    private readonly List<Func<ValueTask>> _stops = [];

    private ScaleWorld(string work) => _work = work;

    public KubeApiServer.KubeApiServer Server { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    public OktaEmulator Okta { get; private set; } = null!;

    public IScaleApp App { get; private set; } = null!;

    /// <summary>The operator processes started, in order.</summary>
    public List<OperatorProcess> Operators { get; } = [];

    /// <summary>Requests the operator made to the API server (its User-Agent is cerby-operator/…), watches and lists included.</summary>
    public long KubeRequests => Server.Requests.Count(r => r.UserAgent?.StartsWith("cerby-operator", StringComparison.Ordinal) == true);

    /// <summary>Okta requests other than System Log polls (GET /api/v1/logs).</summary>
    public long IdpCalls => Okta.Requests.Count(r => !r.StartsWith("GET /api/v1/logs", StringComparison.Ordinal));

    /// <summary>Every Okta request, System Log polls included.</summary>
    public long IdpCallsAll => Okta.Requests.Count;

    /// <summary>The first operator process's peak resident set (VmHWM), in MiB.</summary>
    public double PeakRssMiB => PeakRss(Operators[0]);

    /// <summary>A process's peak resident set (VmHWM in /proc/&lt;pid&gt;/status), in MiB; 0 once it has exited.</summary>
    public static double PeakRss(OperatorProcess process) => Status(process, "VmHWM:");

    /// <summary>A process's resident set now (VmRSS), in MiB; 0 once it has exited.</summary>
    public static double Rss(OperatorProcess process) => Status(process, "VmRSS:");

    private static double Status(OperatorProcess process, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.ProcessId}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static async Task<ScaleWorld> StartAsync(string name, bool scim, int hubs, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"cerby-scale-{Environment.ProcessId}-{name}");
        Directory.CreateDirectory(work);
        var world = new ScaleWorld(work);
        try
        {
            world.Server = await KubeApiServer.KubeApiServer.StartAsync(
                new KubeApiServerOptions { KubeconfigPath = Path.Combine(work, "kubeconfig"), CrdDirectory = RepoPaths.Crds }, cancellationToken);
            world._stops.Add(world.Server.DisposeAsync);
            world.Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(world.Server.KubeconfigPath));
            world._stops.Add(() =>
            {
                world.Client.Dispose();
                return ValueTask.CompletedTask;
            });
            world.Okta = await OktaEmulator.StartAsync(Token(), cancellationToken: cancellationToken);
            world._stops.Add(world.Okta.DisposeAsync);
            var appToken = Token();
            world.App = scim
                ? new ScimScaleApp(await ScimAppServer.StartAsync(RepoPaths.ScimApp, appToken, TimeSpan.FromSeconds(30)))
                : new MetaScaleApp(await MetaFleet.StartAsync(hubs, appToken, cancellationToken));
            world._stops.Add(world.App.DisposeAsync);
            await world.CreateBasicsAsync(appToken, cancellationToken);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// With <c>--operator-memory-limit MB</c>: the GC heap limit .NET sets itself in a container with that memory limit
    /// (75 % of it), given to the operator process only.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? OperatorEnvironment { get; set; }

    /// <summary>Starts the operator process (default settings, one instance) and waits for its /readyz.</summary>
    public async Task<OperatorProcess> StartOperatorAsync(CancellationToken cancellationToken, IReadOnlyList<string>? extraFlags = null)
    {
        var process = await OperatorProcess.StartAsync(Server.KubeconfigPath, Path.Combine(_work, $"operator-{Operators.Count}.log"), TimeSpan.FromSeconds(120), cancellationToken,
            ["--leader-elect=false", "--pod-name", $"cerby-operator-bench-{Operators.Count}", .. extraFlags ?? []], OperatorEnvironment);
        Operators.Add(process);
        _stops.Add(process.DisposeAsync);
        return process;
    }

    /// <summary>Hub <c>hub-i</c> on app <c>i</c>, a binding of the Okta group named <paramref name="group"/> to team <c>team-i</c>, and an Editor share.</summary>
    public async Task CreateHubAsync(int i, string group, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? labels = null)
    {
        await CreateAsync(BusinessHub.Plural, Resource(BusinessHub.KindName, $"hub-{i}", App.HubSpec(i), labels), cancellationToken);
        await CreateAsync(IdpGroupBinding.Plural, Resource(IdpGroupBinding.KindName, $"team-{i}", JsonNode.Parse($$"""
            { "identityProviderRef": { "name": "okta" }, "group": { "displayName": "{{group}}" }, "team": "team-{{i}}" }
            """)!.AsObject()), cancellationToken);
        await CreateAsync(TeamShare.Plural, Resource(TeamShare.KindName, $"share-{i}", JsonNode.Parse($$"""
            { "hubRef": { "name": "hub-{{i}}" }, "subject": { "team": "team-{{i}}" }, "role": "Editor" }
            """)!.AsObject()), cancellationToken);
    }

    public async Task<bool> HubSyncedAsync(int i, CancellationToken cancellationToken)
    {
        var hub = await Client.CustomObjects.GetNamespacedCustomObjectAsync<BusinessHub>(ApiGroup.Group, ApiGroup.Version, Namespace, BusinessHub.Plural, $"hub-{i}", cancellationToken: cancellationToken);
        return hub.Status?.Conditions.Any(c => c.Type == "Synced" && c.Status == ConditionStatus.True) == true && hub.Status.ObservedGeneration == hub.Metadata.Generation;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _stops.Count - 1; i >= 0; i--)
        {
            try
            {
                await _stops[i]();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                // Stopping is best effort: the next scenario starts a world of its own.
            }
        }

        if (Environment.GetEnvironmentVariable("CERBY_SCALE_KEEP") is not null)
        {
            return; // kept for reading: the operator's log is operator-N.log in the scenario's folder
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A process still holds a file; the folder is under /tmp.
        }
    }

    private async Task CreateBasicsAsync(string appToken, CancellationToken cancellationToken)
    {
        await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { Name = Namespace } }, cancellationToken: cancellationToken);
        foreach (var (name, key, value) in new[] { ("okta-api-token", "apiToken", Okta.ApiToken), ("app-token", "token", appToken) })
        {
            await Client.CoreV1.CreateNamespacedSecretAsync(
                new k8s.Models.V1Secret { Metadata = new() { Name = name, NamespaceProperty = Namespace }, Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(value) } },
                Namespace, cancellationToken: cancellationToken);
        }

        await CreateAsync(IdentityProvider.Plural, Resource(IdentityProvider.KindName, "okta", JsonNode.Parse($$"""
            { "type": "okta", "okta": { "orgUrl": "{{Okta.OrgUrl.ToString().TrimEnd('/')}}" }, "credentialsSecretRef": { "name": "okta-api-token" } }
            """)!.AsObject()), cancellationToken);
    }

    private Task CreateAsync(string plural, JsonObject body, CancellationToken cancellationToken) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, ApiGroup.Group, ApiGroup.Version, Namespace, plural, cancellationToken: cancellationToken);

    private static JsonObject Resource(string kind, string name, JsonObject spec, IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = Namespace };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]);
        }

        return new JsonObject { ["apiVersion"] = "access.cerby.io/v1alpha1", ["kind"] = kind, ["metadata"] = metadata, ["spec"] = spec };
    }

    private static string Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
