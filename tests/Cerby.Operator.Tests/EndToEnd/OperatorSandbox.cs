using Cerby.Emulators.Scim;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cerby.Emulators.Meta;
using Cerby.Emulators.Okta;
using Cerby.Operator.Controllers;
using Cerby.Operator.Resources;
using Cerby.Operator.Hosting;
using Cerby.Operator.Tests.Cli;
using Cerby.Operator.Tests.Connectors.Scim;
using Cerby.Operator.Tests.KubeApi;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// The whole product on loopback: the wire-level Kubernetes API server (driven by the real kubectl), an emulated Okta
/// org, the real scimmy SCIM app and the Meta emulator as business hubs, and the operator host with its controllers.
/// Tests change Okta and the manifests, then wait (with deadlines) for the apps, status and Events.
/// </summary>
internal sealed class OperatorSandbox : IAsyncDisposable
{
    public const string ScimHub = "scim-app";
    public const string MetaHub = "meta";

    /// <summary>How long a deleted share waits for a hub that cannot act on its users (five minutes by default).</summary>
    public static readonly TimeSpan ShareDeletionGrace = TimeSpan.FromSeconds(20);
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), $"cerby-e2e-kubectl-{Guid.NewGuid():N}");
    private readonly HttpClient _scimHttp;

    private OperatorSandbox(KubeApiServer.KubeApiServer server, OktaEmulator okta, ScimAppServer scim, string scimToken, MetaEmulator meta, WebApplication host)
    {
        (Server, Okta, Scim, ScimToken, Meta, Host) = (server, okta, scim, scimToken, meta, host);
        Kubectl = new Kubectl(server.KubeconfigPath, _cacheDirectory);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        _scimHttp = new HttpClient { BaseAddress = new Uri(scim.BaseUrl + "/scim/v2/") };
        _scimHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", scimToken);
        OperatorUrl = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public KubeApiServer.KubeApiServer Server { get; }

    public OktaEmulator Okta { get; }

    public OktaOrg Org => Okta.Org;

    public ScimAppServer Scim { get; }

    public string ScimToken { get; }

    public MetaEmulator Meta { get; }

    public WebApplication Host { get; }

    public Kubectl Kubectl { get; }

    public Kubernetes Client { get; }

    public Uri OperatorUrl { get; }

    /// <summary>Every line the operator logged.</summary>
    public CapturedLogProvider Logs { get; private init; } = null!;

    /// <summary>The operator's /metrics text.</summary>
    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(OperatorUrl, "/metrics"));
    }

    /// <summary>Every secret value the sandbox hands out, for scanning output.</summary>
    public IReadOnlyList<string> SecretValues => [Okta.ApiToken, ScimToken, Meta.AccessToken, HookAuthorization];

    /// <summary>An Authorization value for Okta Event Hooks, unique to this sandbox.</summary>
    public string HookAuthorization { get; } = "hook-" + Guid.NewGuid().ToString("N");

    public static async Task<OperatorSandbox> StartAsync()
    {
        var server = await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServer.KubeApiServerOptions { CrdDirectory = Path.Combine(RepoPaths.Root, "crds") });
        var okta = await OktaEmulator.StartAsync();
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var scim = await ScimAppProcess.StartAsync(token);
        var meta = await MetaEmulator.StartAsync();
        var options = new OperatorOptions { Address = "127.0.0.1:0", LeaderElection = false, Workers = 2, PodName = "cerby-operator-e2e" };
        var logs = new CapturedLogProvider();
        var host = OperatorHost.Build(options, KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath), services =>
        {
            services.AddSingleton(new global::Cerby.Operator.Controllers.Shares.ShareDeletionOptions(ShareDeletionGrace));
            AccessOperator.Register(services);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);
        }, AccessOperator.Map);
        host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>(); // the provider joins at first use
        await host.StartAsync();
        return new OperatorSandbox(server, okta, scim, token, meta, host) { Logs = logs };
    }

    /// <summary>kubectl apply of the YAML; fails the test when kubectl does.</summary>
    public async Task<string> ApplyAsync(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cerby-e2e-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        try
        {
            return (await Kubectl.RunAsync("apply", "-f", file)).Succeeded();
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task<string> KubectlAsync(params string[] args) => (await Kubectl.RunAsync(args)).Succeeded();

    /// <summary>
    /// A namespace with its Secrets, the Okta IdP (polling the System Log every second) and the SCIM hub.
    /// <paramref name="hubPolicy"/> and <paramref name="appIntegration"/> are YAML flow mappings, e.g. "dryRun: true".
    /// </summary>
    /// <param name="oktaPoll">The IdentityProvider's System Log poll interval, idle too: the tests' deadlines assume it.</param>
    /// <param name="hookAuthorization">When set, the Okta Secret carries it as eventHookAuthorization.</param>
    public string Basics(string ns, string hubPolicy = "", string? appIntegration = null, string oktaPoll = "1s", string? hookAuthorization = null) => $$"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{ns}}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: okta-api-token
          namespace: {{ns}}
        data:
          apiToken: {{Base64(Okta.ApiToken)}}
          {{(hookAuthorization is null ? "" : $"eventHookAuthorization: {Base64(hookAuthorization)}")}}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: scim-token
          namespace: {{ns}}
        data:
          token: {{Base64(ScimToken)}}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: meta-token
          namespace: {{ns}}
        data:
          token: {{Base64(Meta.AccessToken)}}
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: IdentityProvider
        metadata:
          name: okta
          namespace: {{ns}}
        spec:
          type: okta
          okta: { orgUrl: "{{Okta.OrgUrl.ToString().TrimEnd('/')}}", logPollInterval: {{oktaPoll}}, logIdlePollInterval: {{oktaPoll}} }
          credentialsSecretRef: { name: okta-api-token }
          {{(appIntegration is null ? "" : $"appIntegration: {{ {appIntegration} }}")}}
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: BusinessHub
        metadata:
          name: {{ScimHub}}
          namespace: {{ns}}
        spec:
          connector: { type: scim, baseUrl: "{{Scim.BaseUrl}}/scim/v2", credentialsSecretRef: { name: scim-token } }
          roles:
            - { name: Admin, nativeRole: admin }
            - { name: Editor, nativeRole: editor }
            - { name: Viewer, nativeRole: viewer }
          policy: { resyncInterval: 30s{{(hubPolicy.Length == 0 ? "" : ", " + hubPolicy)}} }

        """;

    /// <summary>A Meta hub on the emulator (invites required, as Meta Business Manager works).</summary>
    public string MetaHubManifest(string ns, string hubPolicy = "") => $$"""
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: BusinessHub
        metadata:
          name: {{MetaHub}}
          namespace: {{ns}}
        spec:
          connector: { type: meta, baseUrl: "{{Meta.BaseUrl.ToString().TrimEnd('/')}}", businessId: "{{Meta.Business.Id}}", inviteRequired: true, credentialsSecretRef: { name: meta-token } }
          roles:
            - { name: Admin, nativeRole: ADMIN, assetTasks: [MANAGE, ADVERTISE, ANALYZE] }
            - { name: Editor, nativeRole: EMPLOYEE, assetTasks: [ADVERTISE, ANALYZE] }
          policy: { resyncInterval: 30s{{(hubPolicy.Length == 0 ? "" : ", " + hubPolicy)}} }

        """;

    /// <summary>An IdpGroupBinding feeding <paramref name="team"/> from the Okta group named <paramref name="group"/>.</summary>
    public static string Binding(string ns, string team, string group, string idp = "okta") => $$"""
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: IdpGroupBinding
        metadata:
          name: {{team}}
          namespace: {{ns}}
        spec:
          identityProviderRef: { name: {{idp}} }
          group: { displayName: "{{group}}" }
          team: {{team}}

        """;

    /// <summary>A TeamShare of <paramref name="hub"/> with a team or (when <paramref name="user"/> is set) one user; <paramref name="assets"/> is a YAML flow sequence.</summary>
    public static string Share(string ns, string name, string role, string? team = null, string? user = null, string hub = ScimHub, string? assets = null) => $$"""
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: TeamShare
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          hubRef: { name: {{hub}} }
          subject: { {{(team is null ? $"user: \"{user}\"" : $"team: {team}")}} }
          role: {{role}}
          {{(assets is null ? "" : $"assets: {assets}")}}

        """;

    /// <summary>The SCIM app's users as the app itself has them.</summary>
    public async Task<IReadOnlyDictionary<string, ScimSeat>> ScimSeatsAsync()
    {
        var page = JsonNode.Parse(await _scimHttp.GetStringAsync("Users?count=1000"))!;
        var seats = new Dictionary<string, ScimSeat>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in page["Resources"]?.AsArray() ?? [])
        {
            var roles = user!["roles"]?.AsArray().Select(r => r!["value"]!.GetValue<string>()).ToList() ?? [];
            seats[user["userName"]!.GetValue<string>()] = new ScimSeat(
                user["id"]!.GetValue<string>(), roles.FirstOrDefault(), user["active"]?.GetValue<bool>() ?? true, user["title"]?.GetValue<string>(), user["externalId"]?.GetValue<string>());
        }

        return seats;
    }

    /// <summary>Creates a user in the SCIM app by hand, as someone bypassing the operator would.</summary>
    public async Task CreateScimUserByHandAsync(string email, string role)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
            ["userName"] = email,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["primary"] = true }),
            ["roles"] = new JsonArray(new JsonObject { ["value"] = role, ["primary"] = true }),
        };
        using var response = await _scimHttp.PostAsync("Users", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/scim+json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes the SCIM app answer <paramref name="status"/> to the next <paramref name="times"/> requests under /Users.</summary>
    public async Task FailScimAsync(int times, int status = 500)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(Scim.BaseUrl + "/admin/") };
        using var response = await admin.PostAsync("faults", new StringContent(
            $$"""{"kind":"status","path":"/Users","times":{{times}},"status":{{status}}}""", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public async Task<BusinessHub> HubAsync(string ns, string name = ScimHub) =>
        (await Client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<BusinessHub>(ApiGroup.Group, ApiGroup.Version, ns, BusinessHub.Plural, name)).Body;

    public async Task<T> GetAsync<T>(string ns, string plural, string name) =>
        (await Client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(ApiGroup.Group, ApiGroup.Version, ns, plural, name)).Body;

    /// <summary>Events of the namespace, newest last, as "Reason: note".</summary>
    public async Task<IReadOnlyList<Eventsv1Event>> EventsAsync(string ns) =>
        [.. (await Client.EventsV1.ListNamespacedEventAsync(ns)).Items.OrderBy(e => e.EventTime ?? e.Metadata.CreationTimestamp)];

    /// <summary>Waits until the hub's status satisfies <paramref name="condition"/>.</summary>
    public async Task<BusinessHub> WaitForHubAsync(string ns, Func<BusinessHub, bool> condition, string what, string name = ScimHub, TimeSpan? deadline = null)
    {
        BusinessHub? hub = null;
        await Eventually.TrueAsync(async () => condition(hub = await HubAsync(ns, name)), () => $"{what}; last status: {System.Text.Json.JsonSerializer.Serialize(hub?.Status)}", deadline ?? TimeSpan.FromSeconds(30));
        return hub!;
    }

    /// <summary>Waits until the SCIM app's seats satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyDictionary<string, ScimSeat>> WaitForSeatsAsync(Func<IReadOnlyDictionary<string, ScimSeat>, bool> condition, string what, TimeSpan? deadline = null)
    {
        IReadOnlyDictionary<string, ScimSeat> seats = new Dictionary<string, ScimSeat>();
        await Eventually.TrueAsync(async () => condition(seats = await ScimSeatsAsync()),
            () => $"{what}; seats: {string.Join(", ", seats.Select(s => $"{s.Key}={s.Value.Role}{(s.Value.Active ? "" : "(inactive)")}"))}", deadline ?? TimeSpan.FromSeconds(30));
        return seats;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        _scimHttp.Dispose();
        Client.Dispose();
        Scim.Dispose();
        await Meta.DisposeAsync();
        await Okta.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // kubectl never ran.
        }
    }

    public static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}

/// <summary>A SCIM app user: its id, native role, whether active, its title, and the operator's marker.</summary>
internal sealed record ScimSeat(string Id, string? Role, bool Active, string? Title, string? ExternalId);
