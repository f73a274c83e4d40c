using System.Diagnostics;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Charts;

/// <summary>
/// The release life cycle with the real helm against the wire-level test API server: install, upgrade with a changed
/// value, rollback, uninstall. helm keeps each release in a Secret it writes as protobuf, and applies the chart's objects
/// with server-side apply, so this is what proves the server speaks both as the real one does.
/// </summary>
public sealed class HelmReleaseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ReleaseNamespace = "cerby-system";
    private const string FullName = "cerby-cerby-operator";

    private readonly string home = Path.Combine(Path.GetTempPath(), $"cerby-helm-release-{Guid.NewGuid():N}");
    private KubeApiServer.KubeApiServer server = null!;
    private Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(home);
        server = await KubeApiServer.KubeApiServer.StartAsync();
        client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
        Directory.Delete(home, recursive: true);
    }

    [HelmFact]
    public async Task Install_upgrade_rollback_and_uninstall_the_chart()
    {
        var clock = Stopwatch.StartNew();

        Assert.Contains("STATUS: deployed", RunHelm("install", Helm.ReleaseName, Helm.ChartDirectory, "--create-namespace"));
        var installed = await client.AppsV1.ReadNamespacedDeploymentAsync(FullName, ReleaseNamespace);
        Assert.Equal(2, installed.Spec.Replicas);
        Assert.Null(Tier(installed));
        Assert.Equal(5, (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync(labelSelector: "app.kubernetes.io/part-of=cerby-operator")).Items.Count);
        Assert.NotNull(await client.CoreV1.ReadNamespacedServiceAccountAsync(FullName, ReleaseNamespace));
        Assert.NotNull(await client.RbacAuthorizationV1.ReadClusterRoleAsync(FullName));
        var release = await client.CoreV1.ReadNamespacedSecretAsync("sh.helm.release.v1.cerby.v1", ReleaseNamespace);
        Assert.Equal("helm.sh/release.v1", release.Type);
        Assert.Equal(("cerby", "helm", "deployed"), (release.Metadata.Labels["name"], release.Metadata.Labels["owner"], release.Metadata.Labels["status"]));
        Assert.NotEmpty(release.Data["release"]);

        RunHelm("upgrade", Helm.ReleaseName, Helm.ChartDirectory, "--set", "replicaCount=3", "--set", "podAnnotations.example\\.com/tier=gold");
        var upgraded = await client.AppsV1.ReadNamespacedDeploymentAsync(FullName, ReleaseNamespace);
        Assert.Equal(3, upgraded.Spec.Replicas);
        Assert.Equal("gold", Tier(upgraded));
        Assert.Equal("superseded", (await client.CoreV1.ReadNamespacedSecretAsync("sh.helm.release.v1.cerby.v1", ReleaseNamespace)).Metadata.Labels["status"]);
        Assert.Matches(@"cerby\s+cerby-system\s+2\s+.*deployed", RunHelm("list"));

        RunHelm("rollback", Helm.ReleaseName, "1");
        var rolledBack = await client.AppsV1.ReadNamespacedDeploymentAsync(FullName, ReleaseNamespace);
        Assert.Equal(2, rolledBack.Spec.Replicas);
        // Server-side apply removes what helm applied before and leaves out now.
        Assert.Null(Tier(rolledBack));
        Assert.Matches(@"3\s+.*deployed\s+.*Rollback to 1", RunHelm("history", Helm.ReleaseName));

        Assert.Contains("release \"cerby\" uninstalled", RunHelm("uninstall", Helm.ReleaseName));
        await AssertGoneAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(FullName, ReleaseNamespace));
        await AssertGoneAsync(() => client.CoreV1.ReadNamespacedServiceAccountAsync(FullName, ReleaseNamespace));
        await AssertGoneAsync(() => client.CoreV1.ReadNamespacedServiceAsync(FullName, ReleaseNamespace));
        await AssertGoneAsync(() => client.RbacAuthorizationV1.ReadClusterRoleAsync(FullName));
        Assert.Empty((await client.CoreV1.ListNamespacedSecretAsync(ReleaseNamespace, labelSelector: "owner=helm")).Items);
        // crds.keep (the default) annotates the CRDs helm.sh/resource-policy: keep, so the shares survive an uninstall.
        Assert.Equal(5, (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync(labelSelector: "app.kubernetes.io/part-of=cerby-operator")).Items.Count);
        Assert.Equal("", RunHelm("list").Split('\n', 2)[1].Trim());

        output.WriteLine($"helm install, upgrade, rollback, uninstall and the checks took {clock.Elapsed.TotalSeconds:F1} s");
    }

    private string RunHelm(params string[] args) =>
        Helm.RunIn(home, [.. args, "--namespace", ReleaseNamespace, "--kubeconfig", server.KubeconfigPath]).Succeeded();

    /// <summary>The pod template's example.com/tier annotation, set through the chart's podAnnotations.</summary>
    private static string? Tier(V1Deployment deployment) =>
        deployment.Spec.Template.Metadata.Annotations is { } annotations && annotations.TryGetValue("example.com/tier", out var tier) ? tier : null;

    private static async Task AssertGoneAsync<T>(Func<Task<T>> read)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(read);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Response.StatusCode);
    }
}
