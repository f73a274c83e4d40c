using System.Text;
using Cerby.Emulators.Okta;
using Cerby.Emulators.Scim;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Connectors.Scim;
using Cerby.Operator.Tests.KubeApi;

namespace Cerby.Operator.Tests.Cli;

/// <summary>
/// What <c>--live</c> reads, on loopback: the wire-level Kubernetes API server (with a kubeconfig file pointing at it),
/// an emulated Okta org and the real scimmy SCIM app, with a namespace holding the IdP, a SCIM hub, their Secrets,
/// a binding and a share, applied with the real kubectl.
/// </summary>
internal sealed class LiveWorld : IAsyncDisposable
{
    public const string Ns = "live";
    public const string Hub = "scim-app";
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), $"cerby-live-kubectl-{Guid.NewGuid():N}");

    private LiveWorld(KubeApiServer.KubeApiServer server, OktaEmulator okta, ScimAppServer scim, string scimToken)
    {
        (Server, Okta, Scim, ScimToken) = (server, okta, scim, scimToken);
        Kubectl = new Kubectl(server.KubeconfigPath, _cacheDirectory);
    }

    public KubeApiServer.KubeApiServer Server { get; }

    public OktaEmulator Okta { get; }

    public ScimAppServer Scim { get; }

    public string ScimToken { get; }

    public Kubectl Kubectl { get; }

    public string Kubeconfig => Server.KubeconfigPath;

    public static async Task<LiveWorld> StartAsync()
    {
        var server = await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServer.KubeApiServerOptions { CrdDirectory = Path.Combine(RepoPaths.Root, "crds") });
        var okta = await OktaEmulator.StartAsync("okta-token-" + Guid.NewGuid().ToString("N"));
        var token = "scim-token-" + Guid.NewGuid().ToString("N");
        var scim = await ScimAppProcess.StartAsync(token);
        return new LiveWorld(server, okta, scim, token);
    }

    /// <summary>kubectl apply of the YAML.</summary>
    public async Task ApplyAsync(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cerby-live-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        try
        {
            (await Kubectl.RunAsync("apply", "-f", file)).Succeeded();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The namespace, the Secrets, the Okta IdP and the SCIM hub (with an optional policy flow mapping).</summary>
    public string Basics(string hubPolicy = "") => $$"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{Ns}}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: okta-api-token
          namespace: {{Ns}}
        data:
          apiToken: {{Base64(Okta.ApiToken)}}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: scim-token
          namespace: {{Ns}}
        data:
          token: {{Base64(ScimToken)}}
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: IdentityProvider
        metadata:
          name: okta
          namespace: {{Ns}}
        spec:
          type: okta
          okta: { orgUrl: "{{Okta.OrgUrl.ToString().TrimEnd('/')}}" }
          credentialsSecretRef: { name: okta-api-token }
        ---
        {{HubManifest(hubPolicy)}}
        """;

    public string HubManifest(string hubPolicy = "") => $$"""
        apiVersion: access.cerby.io/v1alpha1
        kind: BusinessHub
        metadata:
          name: {{Hub}}
          namespace: {{Ns}}
        spec:
          connector: { type: scim, baseUrl: "{{Scim.BaseUrl}}/scim/v2", credentialsSecretRef: { name: scim-token } }
          roles:
            - { name: Admin, nativeRole: admin }
            - { name: Editor, nativeRole: editor }
            - { name: Viewer, nativeRole: viewer }
          policy: { resyncInterval: 30s{{(hubPolicy.Length == 0 ? "" : ", " + hubPolicy)}} }

        """;

    public static string Binding(string team, string group) => $$"""
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: IdpGroupBinding
        metadata:
          name: {{team}}
          namespace: {{Ns}}
        spec:
          identityProviderRef: { name: okta }
          group: { displayName: "{{group}}" }
          team: {{team}}

        """;

    public static string Share(string name, string role, string? team = null, string? user = null) => $$"""
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: TeamShare
        metadata:
          name: {{name}}
          namespace: {{Ns}}
        spec:
          hubRef: { name: {{Hub}} }
          subject: { {{(team is null ? $"user: \"{user}\"" : $"team: {team}")}} }
          role: {{role}}

        """;

    /// <summary>Gives the user a seat in the SCIM app as the operator would (marked as provisioned by it).</summary>
    public async Task ProvisionAsync(string email, string nativeRole)
    {
        var connector = new ScimConnector(Operator.HttpEdge.EdgeClients.Create(Scim.ScimUrl, ScimToken, TimeSpan.FromSeconds(30)),
            new ScimConnectorOptions($"{Ns}/{Hub}", ScimRoleMapping.Roles, ["admin", "editor", "viewer"], []), TimeProvider.System);
        await connector.ApplyAsync(new AccessChange(AccessChangeKind.Add, UserKey.Of(email), email, null, "Editor", "seed", nativeRole), CancellationToken.None);
    }

    /// <summary>The SCIM app's members as its own connector reads them.</summary>
    public async Task<ActualAccess> ReadAppAsync()
    {
        var connector = new ScimConnector(Operator.HttpEdge.EdgeClients.Create(Scim.ScimUrl, ScimToken, TimeSpan.FromSeconds(30)),
            new ScimConnectorOptions($"{Ns}/{Hub}", ScimRoleMapping.Roles, ["admin", "editor", "viewer"], []), TimeProvider.System);
        return await connector.ReadAsync(CancellationToken.None);
    }

    /// <summary>Makes scimmy answer 401 to GET /Users, echoing the bearer token in its error detail.</summary>
    public async Task FailScimReadsEchoingTheTokenAsync()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(Scim.BaseUrl + "/admin/") };
        var body = $$$"""{"kind":"status","method":"GET","path":"/Users","times":50,"status":401,"body":{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401","detail":"token Bearer {{{ScimToken}}} is not valid"}}""";
        using var response = await admin.PostAsync("faults", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Scim.Dispose();
        await Okta.DisposeAsync();
        await Server.DisposeAsync();
        if (Directory.Exists(_cacheDirectory))
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
    }

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
