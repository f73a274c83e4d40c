using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Tests.Cli;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>A wire-level test API server with the cerby CRDs registered, a client for it, and TeamShare helpers.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string Namespace = "default";

    private TestCluster(KubeApiServer.KubeApiServer server)
    {
        Server = server;
        Config = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath);
        Client = new Kubernetes(Config);
    }

    public KubeApiServer.KubeApiServer Server { get; }

    public KubernetesClientConfiguration Config { get; }

    public Kubernetes Client { get; }

    public static async Task<TestCluster> StartAsync() =>
        new(await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServer.KubeApiServerOptions { CrdDirectory = Path.Combine(RepoPaths.Root, "crds") }));

    public static TeamShare Share(string name, string hub = "meta-main", string role = "Editor") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new TeamShareSpec { HubRef = new LocalObjectReference { Name = hub }, Subject = new ShareSubject { Team = "social" }, Role = role },
    };

    public async Task<TeamShare> CreateAsync(TeamShare share) =>
        (await Client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<TeamShare>(
            share, ApiGroup.Group, ApiGroup.Version, Namespace, TeamShare.Plural)).Body;

    public async Task<TeamShare> GetAsync(string name) =>
        (await Client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<TeamShare>(
            ApiGroup.Group, ApiGroup.Version, Namespace, TeamShare.Plural, name)).Body;

    public async Task<TeamShare?> FindAsync(string name)
    {
        try
        {
            return await GetAsync(name);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    public async Task<TeamShare> PatchAsync(string name, string mergePatchJson) =>
        (await Client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<TeamShare>(
            new V1Patch(mergePatchJson, V1Patch.PatchType.MergePatch), ApiGroup.Group, ApiGroup.Version, Namespace, TeamShare.Plural, name)).Body;

    public async Task DeleteAsync(string name)
    {
        using var _ = await Client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(
            ApiGroup.Group, ApiGroup.Version, Namespace, TeamShare.Plural, name);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
