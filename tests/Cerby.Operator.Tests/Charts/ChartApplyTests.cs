using Cerby.Operator.Tests.Cli;
using Cerby.Operator.Tests.KubeApi;

namespace Cerby.Operator.Tests.Charts;

/// <summary>
/// What a user does without Helm on the cluster side: <c>helm template | kubectl apply</c> against the wire-level test API
/// server with the real kubectl, CRDs first, then the rest, then every example in <c>examples/</c>.
/// </summary>
public sealed class ChartApplyTests : IAsyncLifetime
{
    private const string ReleaseNamespace = "cerby-system";

    private readonly string cacheDirectory = Path.Combine(Path.GetTempPath(), $"cerby-kubectl-cache-{Guid.NewGuid():N}");
    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), $"cerby-chart-apply-{Guid.NewGuid():N}");
    private KubeApiServer.KubeApiServer server = null!;
    private Kubectl kubectl = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(workDirectory);
        server = await KubeApiServer.KubeApiServer.StartAsync();
        kubectl = new Kubectl(server.KubeconfigPath, cacheDirectory);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        foreach (var directory in new[] { cacheDirectory, workDirectory }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [HelmFact]
    public async Task Rendered_chart_then_the_examples_apply_with_kubectl()
    {
        var manifests = RenderedManifests.Parse(Helm.Template(ReleaseNamespace,
            "serviceMonitor.enabled=false", "grafanaDashboard.enabled=true").Succeeded());
        var crds = Write("crds.yaml", RenderedManifests.Join(manifests.OfKind("CustomResourceDefinition")));
        var rest = Write("operator.yaml", RenderedManifests.Join(manifests.Documents.Where(d => d.Kind != "CustomResourceDefinition")));

        var appliedCrds = (await kubectl.RunAsync("apply", "-f", crds)).Succeeded();
        (await kubectl.RunAsync("wait", "--for=condition=established", "--timeout=20s", "crd", "-l", "app.kubernetes.io/part-of=cerby-operator")).Succeeded();
        (await kubectl.RunAsync("create", "namespace", ReleaseNamespace)).Succeeded();
        var appliedRest = (await kubectl.RunAsync("apply", "-f", rest)).Succeeded();

        Assert.Equal(5, appliedCrds.Split("customresourcedefinition.apiextensions.k8s.io/").Length - 1);
        foreach (var expected in new[]
        {
            "serviceaccount/cerby-cerby-operator created", "configmap/cerby-cerby-operator-dashboard created",
            "service/cerby-cerby-operator created", "deployment.apps/cerby-cerby-operator created",
            "clusterrole.rbac.authorization.k8s.io/cerby-cerby-operator created",
            "clusterrolebinding.rbac.authorization.k8s.io/cerby-cerby-operator created",
            "role.rbac.authorization.k8s.io/cerby-cerby-operator-leader-election created",
            "rolebinding.rbac.authorization.k8s.io/cerby-cerby-operator-leader-election created",
            "poddisruptionbudget.policy/cerby-cerby-operator created", "networkpolicy.networking.k8s.io/cerby-cerby-operator created",
        })
        {
            Assert.Contains(expected, appliedRest, StringComparison.Ordinal);
        }

        // examples/sandbox holds templates (*.yaml.tmpl) the sandbox fills in with its emulators' URLs; the others apply as they are.
        foreach (var example in Directory.GetDirectories(RepoPaths.Examples()).Where(d => Directory.EnumerateFiles(d, "*.yaml").Any()).Order(StringComparer.Ordinal))
        {
            var applied = (await kubectl.RunAsync("apply", "-f", example)).Succeeded();
            Assert.Contains("businesshub.access.cerby.io/", applied, StringComparison.Ordinal);
        }

        var listed = (await kubectl.RunAsync("get", "deploy,sa,svc,pdb,netpol,role,rolebinding,cm", "-n", ReleaseNamespace, "-o", "name")).Succeeded();
        Assert.Contains("deployment.apps/cerby-cerby-operator", listed, StringComparison.Ordinal);
        Assert.Contains("poddisruptionbudget.policy/cerby-cerby-operator", listed, StringComparison.Ordinal);
        Assert.Contains("teamshare.access.cerby.io/", (await kubectl.RunAsync("get", "cerby", "-A", "-o", "name")).Succeeded(), StringComparison.Ordinal);

        var reapplied = (await kubectl.RunAsync("apply", "-f", rest)).Succeeded();
        Assert.Contains("deployment.apps/cerby-cerby-operator unchanged", reapplied, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(workDirectory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
