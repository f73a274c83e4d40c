using System.Net.Http.Headers;
using System.Text;
using Cerby.Emulators.Meta;
using Cerby.Emulators.Okta;
using Cerby.Emulators.Scim;
using Cerby.FaultSuite.Proxy;
using Cerby.KubeApiServer;
using Cerby.Sandbox;

namespace Cerby.FaultSuite.World;

/// <summary>
/// One scenario's world, on 127.0.0.1 with free ports: the test API server (CRDs registered at start), kubectl, and on
/// demand the Okta emulator, the real scimmy app, the Meta emulator, fault proxies and operator processes. Every
/// credential handed out is kept in <see cref="Secrets"/> for the scan at the end. Disposing stops it all.
/// </summary>
internal sealed class FaultWorld : IAsyncDisposable
{
    private readonly StopList _stops = new("faults");
    private readonly List<string> _operatorLogs = [];
    private readonly List<string> _secrets = [];
    private readonly bool _keep;

    private FaultWorld(string workDirectory, bool keep) => (WorkDirectory, _keep) = (workDirectory, keep);

    public string WorkDirectory { get; }

    public KubeApiServer.KubeApiServer Server { get; private set; } = null!;

    public KubectlRunner Kubectl { get; private set; } = null!;

    /// <summary>Every token and password this world handed out; none may appear in Events, status or operator output.</summary>
    public IReadOnlyList<string> Secrets => _secrets;

    /// <summary>Log files of every operator process started, killed ones included.</summary>
    public IReadOnlyList<string> OperatorLogs => _operatorLogs;

    public static async Task<FaultWorld> StartAsync(string scenario, bool keep, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"cerby-faults-{Environment.ProcessId}-{scenario}");
        Directory.CreateDirectory(work);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var world = new FaultWorld(work, keep);
        try
        {
            world.Server = await KubeApiServer.KubeApiServer.StartAsync(
                new KubeApiServerOptions { KubeconfigPath = Path.Combine(work, "kubeconfig"), CrdDirectory = RepoPaths.Crds }, cancellationToken);
            world._stops.Add(() => world.Server.DisposeAsync());
            world.Kubectl = new KubectlRunner(world.Server.KubeconfigPath, Path.Combine(work, "kubectl-cache"));
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>A random credential, remembered for the scan.</summary>
    public string NewSecret(string prefix)
    {
        var secret = prefix + "-" + SandboxEnvironment.NewToken();
        _secrets.Add(secret);
        return secret;
    }

    public async Task<OktaEmulator> StartOktaAsync(CancellationToken cancellationToken)
    {
        var okta = await OktaEmulator.StartAsync(NewSecret("okta"), cancellationToken: cancellationToken);
        _stops.Add(() => okta.DisposeAsync());
        return okta;
    }

    public async Task<ScimApp> StartScimAppAsync()
    {
        var token = NewSecret("scim");
        var server = await ScimAppServer.StartAsync(RepoPaths.ScimApp, token, TimeSpan.FromSeconds(30));
        var app = new ScimApp(server, token);
        _stops.Add(app);
        return app;
    }

    public async Task<MetaEmulator> StartMetaAsync(CancellationToken cancellationToken)
    {
        var meta = await MetaEmulator.StartAsync(accessToken: NewSecret("meta"), cancellationToken: cancellationToken);
        _stops.Add(() => meta.DisposeAsync());
        return meta;
    }

    public async Task<HttpFaultProxy> StartProxyAsync(Uri upstream, CancellationToken cancellationToken)
    {
        var proxy = await HttpFaultProxy.StartAsync(upstream, cancellationToken);
        _stops.Add(() => proxy.DisposeAsync());
        return proxy;
    }

    /// <summary>
    /// Starts <c>cerby-operator run</c> named <paramref name="podName"/>; with <paramref name="leaderElect"/> it joins the
    /// election for the default Lease (two of them make a leader and a standby), else it reconciles alone.
    /// </summary>
    public async Task<OperatorProcess> StartOperatorAsync(string podName, bool leaderElect, CancellationToken cancellationToken)
    {
        var log = Path.Combine(WorkDirectory, $"operator-{podName}-{_operatorLogs.Count + 1}.log");
        _operatorLogs.Add(log);
        var process = await OperatorProcess.StartAsync(Server.KubeconfigPath, log, TimeSpan.FromSeconds(90), cancellationToken,
            [$"--leader-elect={(leaderElect ? "true" : "false")}", "--lease-namespace", "default", "--workers", "2", "--pod-name", podName]);
        _stops.Add(() => process.DisposeAsync());
        return process;
    }

    /// <summary>kubectl apply -f - of the YAML.</summary>
    public Task<string> ApplyAsync(string yaml, CancellationToken cancellationToken) => Kubectl.RunAsync(["apply", "-f", "-"], yaml, cancellationToken);

    public Task<string> KubectlAsync(CancellationToken cancellationToken, params string[] args) => Kubectl.RunAsync(args, cancellationToken: cancellationToken);

    /// <summary>Everything the operator processes printed, so far.</summary>
    public string OperatorOutput()
    {
        var text = new StringBuilder();
        foreach (var path in _operatorLogs.Where(File.Exists))
        {
            using var shared = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(shared);
            text.AppendLine(reader.ReadToEnd());
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stops.StopAllAsync();
        if (!_keep)
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }
}

/// <summary>The real scimmy app with its bearer token: read its members, create one by hand, queue faults through /admin.</summary>
internal sealed class ScimApp : IDisposable
{
    private readonly HttpClient _admin;
    private readonly HttpClient _scim;

    public ScimApp(ScimAppServer server, string token)
    {
        (Server, Token) = (server, token);
        Members = new ScimMembers(server.ScimUrl, token);
        _admin = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/admin/"), Timeout = TimeSpan.FromSeconds(30) };
        _scim = new HttpClient { BaseAddress = new Uri(server.ScimUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        _scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public ScimAppServer Server { get; }

    public string Token { get; }

    public ScimMembers Members { get; }

    /// <summary>A member someone added in the app by hand (the operator did not provision it).</summary>
    public async Task CreateByHandAsync(string email, string role, CancellationToken cancellationToken)
    {
        var body = $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{email}}","emails":[{"value":"{{email}}","primary":true}],"roles":[{"value":"{{role}}","primary":true}]}""";
        using var response = await _scim.PostAsync("Users", new StringContent(body, Encoding.UTF8, "application/scim+json"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Queues faults in the app (tests/scim-app/server.js /admin/faults).</summary>
    public async Task AddFaultAsync(string faultJson, CancellationToken cancellationToken)
    {
        using var response = await _admin.PostAsync("faults", new StringContent(faultJson, Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _scim.Dispose();
        Members.Dispose();
        Server.Dispose();
    }
}
