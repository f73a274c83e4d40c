using Cerby.KubeApiServer;
using Cerby.Operator.Tests.Cli;
using k8s;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>
/// One test server for the kubectl tests, set up as a user would: <c>kubectl apply -f crds/</c>,
/// <c>kubectl wait --for=condition=established</c>, then <c>kubectl apply -f examples/001-provision/</c>
/// (top-level files only; <c>snapshots/</c> holds documents that are not Kubernetes objects).
/// </summary>
public sealed class KubectlCluster : IAsyncLifetime
{
    public const string Namespace = "seed-001";

    private readonly string cacheDirectory = Path.Combine(Path.GetTempPath(), $"cerby-kubectl-cache-{Guid.NewGuid():N}");
    private KubeApiServer.KubeApiServer? server;

    internal KubeApiServer.KubeApiServer Server => server ?? throw new InvalidOperationException("not started");

    internal Kubectl Kubectl { get; private set; } = null!;

    internal Kubernetes Client { get; private set; } = null!;

    internal KubectlResult ApplyCrds { get; private set; } = null!;

    internal KubectlResult WaitEstablished { get; private set; } = null!;

    internal KubectlResult ApplyExamples { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        server = await KubeApiServer.KubeApiServer.StartAsync();
        Kubectl = new Kubectl(server.KubeconfigPath, cacheDirectory);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        ApplyCrds = await Kubectl.RunAsync("apply", "-f", Path.Combine(RepoPaths.Root, "crds"));
        WaitEstablished = await Kubectl.RunAsync("wait", "--for=condition=established", "--timeout=20s",
            "crd/businesshubs.access.cerby.io", "crd/identityproviders.access.cerby.io",
            "crd/idpgroupbindings.access.cerby.io", "crd/teamshares.access.cerby.io");
        ApplyExamples = await Kubectl.RunAsync("apply", "-f", RepoPaths.Examples("001-provision"));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (Directory.Exists(cacheDirectory))
        {
            Directory.Delete(cacheDirectory, recursive: true);
        }
    }
}
