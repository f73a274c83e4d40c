using System.Security.Cryptography;
using System.Text;
using Cerby.Emulators.Okta;
using Cerby.Emulators.Scim;
using Cerby.KubeApiServer;

namespace Cerby.Sandbox;

/// <summary>
/// Everything the sandbox runs, on 127.0.0.1 with free ports: the wire-level Kubernetes API server (and its
/// kubeconfig), the Okta emulator, the real scimmy SCIM app (node) and the real operator (a child process). The CRDs
/// and the filled-in examples/sandbox templates are applied with the real kubectl. Disposing stops it all.
/// </summary>
internal sealed class SandboxEnvironment : IAsyncDisposable
{
    public const string Namespace = "sandbox";
    private readonly StopList _stops = new("sandbox");
    private readonly string _scimToken = NewToken();

    private SandboxEnvironment(string workDirectory) => WorkDirectory = workDirectory;

    public string WorkDirectory { get; }

    public string KubeconfigPath => Path.Combine(WorkDirectory, "kubeconfig");

    /// <summary>The SCIM app's throwaway bearer token, in a file only the user can read (for curl).</summary>
    public string ScimTokenPath => Path.Combine(WorkDirectory, "scim-token");

    public KubeApiServer.KubeApiServer Server { get; private set; } = null!;

    public OktaEmulator Okta { get; private set; } = null!;

    public ScimAppServer Scim { get; private set; } = null!;

    public OperatorProcess Operator { get; private set; } = null!;

    public KubectlRunner Kubectl { get; private set; } = null!;

    public ScimMembers ScimMembers { get; private set; } = null!;

    /// <summary>Starts the API server, Okta and the SCIM app, applies the CRDs, starts the operator; <see cref="ApplyManifestsAsync"/> comes next.</summary>
    public static async Task<SandboxEnvironment> StartAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"cerby-sandbox-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var sandbox = new SandboxEnvironment(work);
        sandbox._stops.Add(() =>
        {
            Directory.Delete(work, recursive: true);
            return ValueTask.CompletedTask;
        });
        try
        {
            await sandbox.StartPartsAsync(output, cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fills in examples/sandbox/*.yaml.tmpl with this sandbox's URLs and tokens and applies them with kubectl.</summary>
    public async Task<string> ApplyManifestsAsync(CancellationToken cancellationToken)
    {
        var yaml = ManifestTemplates.Render(RepoPaths.Templates, new Dictionary<string, string>
        {
            ["OKTA_URL"] = Okta.OrgUrl.ToString().TrimEnd('/'),
            ["SCIM_URL"] = Scim.ScimUrl,
            ["OKTA_TOKEN_B64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Okta.ApiToken)),
            ["SCIM_TOKEN_B64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(_scimToken)),
        });
        return await Kubectl.RunAsync(["apply", "-f", "-"], yaml, cancellationToken);
    }

    public ValueTask DisposeAsync() => _stops.StopAllAsync();

    /// <summary>A random token for an emulator; it only ever guards a loopback port of this sandbox.</summary>
    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private async Task StartPartsAsync(TextWriter output, CancellationToken cancellationToken)
    {
        Server = await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServerOptions { KubeconfigPath = KubeconfigPath }, cancellationToken);
        _stops.Add(() => Server.DisposeAsync());
        Kubectl = new KubectlRunner(KubeconfigPath, Path.Combine(WorkDirectory, "kubectl-cache"));
        output.WriteLine($"  Kubernetes API server  {Server.BaseUri} (kubeconfig {KubeconfigPath})");

        Okta = await OktaEmulator.StartAsync(NewToken(), cancellationToken: cancellationToken);
        _stops.Add(() => Okta.DisposeAsync());
        output.WriteLine($"  Okta emulator          {Okta.OrgUrl}");

        Scim = await ScimAppServer.StartAsync(RepoPaths.ScimApp, _scimToken, TimeSpan.FromSeconds(30));
        _stops.Add(Scim);
        await File.WriteAllTextAsync(ScimTokenPath, _scimToken, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ScimTokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        ScimMembers = new ScimMembers(Scim.ScimUrl, _scimToken);
        _stops.Add(ScimMembers);
        output.WriteLine($"  SCIM app (scimmy)      {Scim.ScimUrl} (node, pid {Scim.ProcessId})");

        await Kubectl.RunAsync(["apply", "-f", RepoPaths.Crds], cancellationToken: cancellationToken);
        await Kubectl.RunAsync(["wait", "--for=condition=established", "--timeout=30s", "crd", "--all"], cancellationToken: cancellationToken);
        output.WriteLine($"  CRDs                   applied from crds/ with kubectl, established");

        Operator = await OperatorProcess.StartAsync(KubeconfigPath, Path.Combine(WorkDirectory, "operator.log"), TimeSpan.FromSeconds(60), cancellationToken);
        _stops.Add(() => Operator.DisposeAsync());
        output.WriteLine($"  operator               {Operator.Url} (/healthz /readyz /metrics; pid {Operator.ProcessId}, log {Operator.LogPath})");
    }
}
