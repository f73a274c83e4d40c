using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cerby.Emulators.Scim;
using Cerby.Operator.Controllers;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.LeaderElection;
using Cerby.Operator.Tests.Cli;
using Cerby.Operator.Tests.Connectors.Scim;
using Cerby.Operator.Tests.KubeApi;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// Operator replicas as the chart runs them: several hosts with leader election on the same API server, each serving
/// the identity providers' endpoints on its own port (as pods behind a Service), with the real scimmy app as the hub.
/// Hosts can be stopped (the leader releases its Lease) and new ones started, as a restart or a failover would.
/// </summary>
internal sealed class ReplicatedOperator : IAsyncDisposable
{
    public const string Ns = "replicas";
    public const string PushToken = "pushed-by-okta-group-push";
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), $"cerby-e2e-kubectl-{Guid.NewGuid():N}");
    private readonly List<Replica> _replicas = [];
    private readonly HttpClient _app;
    private int _started;

    private ReplicatedOperator(KubeApiServer.KubeApiServer server, ScimAppServer scim, string scimToken)
    {
        (Server, Scim, ScimToken) = (server, scim, scimToken);
        Kubectl = new Kubectl(server.KubeconfigPath, _cacheDirectory);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        _app = new HttpClient { BaseAddress = new Uri(scim.BaseUrl + "/scim/v2/") };
        _app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", scimToken);
    }

    public KubeApiServer.KubeApiServer Server { get; }

    public ScimAppServer Scim { get; }

    public string ScimToken { get; }

    public Kubectl Kubectl { get; }

    public Kubernetes Client { get; }

    public static async Task<ReplicatedOperator> StartAsync()
    {
        var server = await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServer.KubeApiServerOptions { CrdDirectory = Path.Combine(RepoPaths.Root, "crds") });
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        return new ReplicatedOperator(server, await ScimAppProcess.StartAsync(token), token);
    }

    /// <summary>Starts one more replica (pod); it leads when no other does.</summary>
    public async Task<Replica> StartReplicaAsync()
    {
        var name = $"cerby-operator-{Interlocked.Increment(ref _started)}";
        var options = new OperatorOptions { Address = "127.0.0.1:0", LeaseNamespace = "default", PodName = name, Workers = 2 };
        var host = OperatorHost.Build(options, KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath), AccessOperator.Register, AccessOperator.Map,
            new LeaderElectionOptions
            {
                LeaseNamespace = "", LeaseName = "", Identity = "",
                LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(10), RetryPeriod = TimeSpan.FromMilliseconds(200),
            });
        await host.StartAsync();
        var replica = new Replica(name, host);
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>The IdentityProvider of type scim, its Secret, the SCIM hub, and shares: Support → Viewer, Admins → Admin.</summary>
    public async Task ApplyBasicsAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cerby-e2e-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $$"""
            apiVersion: v1
            kind: Namespace
            metadata: { name: {{Ns}} }
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: scim-token, namespace: {{Ns}} }
            data: { token: {{OperatorSandbox.Base64(ScimToken)}} }
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: scim-push, namespace: {{Ns}} }
            data: { bearerToken: {{OperatorSandbox.Base64(PushToken)}} }
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: IdentityProvider
            metadata: { name: pushed, namespace: {{Ns}} }
            spec:
              type: scim
              credentialsSecretRef: { name: scim-push }
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: BusinessHub
            metadata: { name: {{OperatorSandbox.ScimHub}}, namespace: {{Ns}} }
            spec:
              connector: { type: scim, baseUrl: "{{Scim.BaseUrl}}/scim/v2", credentialsSecretRef: { name: scim-token } }
              roles:
                - { name: Admin, nativeRole: admin }
                - { name: Editor, nativeRole: editor }
                - { name: Viewer, nativeRole: viewer }
              policy: { resyncInterval: 30s, removalGuard: { maxRemovalsPercent: 100 } }

            """
            + OperatorSandbox.Binding(Ns, "support", "Support", idp: "pushed")
            + OperatorSandbox.Share(Ns, "support", "Viewer", team: "support")
            + OperatorSandbox.Binding(Ns, "admins", "Admins", idp: "pushed")
            + OperatorSandbox.Share(Ns, "admins", "Admin", team: "admins"));
        try
        {
            (await Kubectl.RunAsync("apply", "-f", file)).Succeeded();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Waits until exactly one running replica leads, and returns it.</summary>
    public async Task<Replica> LeaderAsync()
    {
        Replica? leader = null;
        await Eventually.TrueAsync(() => (leader = _replicas.SingleOrDefault(r => r.Running && r.IsLeader)) is not null, "one replica leads", TimeSpan.FromSeconds(30));
        return leader!;
    }

    /// <summary>The SCIM app's seats: userName → native role.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> SeatsAsync()
    {
        var page = JsonNode.Parse(await _app.GetStringAsync("Users?count=1000"))!;
        return (page["Resources"]?.AsArray() ?? []).ToDictionary(
            u => u!["userName"]!.GetValue<string>(),
            u => u!["roles"]?.AsArray().Select(r => r!["value"]!.GetValue<string>()).FirstOrDefault(),
            StringComparer.OrdinalIgnoreCase);
    }

    public async Task<IReadOnlyDictionary<string, string?>> WaitForSeatsAsync(Func<IReadOnlyDictionary<string, string?>, bool> condition, string what, TimeSpan? deadline = null)
    {
        IReadOnlyDictionary<string, string?> seats = new Dictionary<string, string?>();
        await Eventually.TrueAsync(async () => condition(seats = await SeatsAsync()),
            () => $"{what}; seats: {string.Join(", ", seats.Select(s => $"{s.Key}={s.Value}"))}", deadline ?? TimeSpan.FromSeconds(45));
        return seats;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.StopAsync();
        }

        _app.Dispose();
        Client.Dispose();
        Scim.Dispose();
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
}

/// <summary>One operator replica: its host, its leadership, its identity cache, and an IdP's SCIM client pointed at it.</summary>
internal sealed class Replica(string name, WebApplication host)
{
    public string Name { get; } = name;

    public WebApplication Host { get; } = host;

    public bool Running { get; private set; } = true;

    public Uri Url { get; } = new(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public bool IsLeader => Host.Services.GetRequiredService<LeadershipState>().IsLeader;

    public IdentityCache Identity => Host.Services.GetRequiredService<IdentityCache>();

    /// <summary>An HTTP client as the IdP's SCIM app would use against this replica.</summary>
    public HttpClient Scim(string token = ReplicatedOperator.PushToken)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url, $"/idp/{ReplicatedOperator.Ns}/pushed/scim/v2/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task<int> ReadyzAsync()
    {
        using var http = new HttpClient();
        return (int)(await http.GetAsync(new Uri(Url, "/readyz"))).StatusCode;
    }

    public async Task StopAsync()
    {
        if (!Running)
        {
            return;
        }

        Running = false;
        await Host.StopAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>SCIM requests as an IdP sends them, failing the test on an error answer.</summary>
internal static class ScimPush
{
    public static async Task<string> CreateAsync(HttpClient idp, string path, string body) =>
        JsonNode.Parse(await SendAsync(idp, HttpMethod.Post, path, body))!["id"]!.GetValue<string>();

    public static async Task<string> SendAsync(HttpClient idp, HttpMethod method, string path, string body)
    {
        var (status, text) = await TrySendAsync(idp, method, path, body);
        Assert.True(status is >= 200 and < 300, $"{method} {path} to {idp.BaseAddress}: {status} {text}");
        return text;
    }

    public static async Task<(int Status, string Body)> TrySendAsync(HttpClient idp, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/scim+json");
        }

        using var response = await idp.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
