using Cerby.Operator.Tests.Cli;
using Cerby.Operator.Tests.KubeApi;

namespace Cerby.Operator.Tests.Charts;

/// <summary>The Helm chart with the real helm: lint, render, values schema, and the CRDs it ships.</summary>
public sealed class ChartTests
{
    private const string ReleaseNamespace = "cerby-system";

    private static readonly string[] AllToggles =
    [
        "serviceMonitor.enabled=true", "prometheusRule.enabled=true", "grafanaDashboard.enabled=true",
    ];

    [HelmFact]
    public void Helm_lint_is_clean_with_defaults_and_with_every_option_on()
    {
        var defaults = Helm.Run("lint", "--strict", Helm.ChartDirectory).Succeeded();
        var everything = Helm.Run(["lint", "--strict", Helm.ChartDirectory, .. AllToggles.SelectMany(v => new[] { "--set", v }),
            "--set", "watchNamespaces={team-a,team-b}"]).Succeeded();

        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", defaults);
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", everything);
    }

    [HelmFact]
    public void Template_renders_the_operator_with_leader_election_probes_and_a_locked_down_pod()
    {
        var manifests = RenderedManifests.Parse(Helm.Template(ReleaseNamespace).Succeeded());

        Assert.Equal(
            ["ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Deployment", "NetworkPolicy", "PodDisruptionBudget", "Role", "RoleBinding", "Service", "ServiceAccount"],
            manifests.Documents.Select(d => d.Kind).Distinct().Order(StringComparer.Ordinal));
        var deployment = manifests.OfKind("Deployment").Single().Text;
        foreach (var expected in new[]
        {
            "replicas: 2", "- run", "- --address=0.0.0.0:8080", "- --leader-elect=true", "- --lease-name=cerby-operator-leader",
            "- --lease-namespace=cerby-system", "- --lease-duration=10s", "- --renew-deadline=6s", "- --retry-period=1s", "name: CERBY_WORKERS", "name: CERBY_RESYNC_INTERVAL", "name: POD_NAME",
            "path: /healthz", "path: /readyz", "runAsNonRoot: true", "readOnlyRootFilesystem: true",
            "allowPrivilegeEscalation: false", "- ALL", "type: RuntimeDefault", "topologyKey: kubernetes.io/hostname",
        })
        {
            Assert.Contains(expected, deployment, StringComparison.Ordinal);
        }

        Assert.Contains("minAvailable: 1", manifests.OfKind("PodDisruptionBudget").Single().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("*", string.Concat(manifests.Documents.Where(d => d.Kind is "ClusterRole" or "Role").Select(d => d.Text)), StringComparison.Ordinal);
    }

    [HelmFact]
    public void Watching_namespaces_gives_a_role_in_each_and_no_cluster_role()
    {
        var manifests = RenderedManifests.Parse(Helm.Template(ReleaseNamespace, "watchNamespaces={team-a,team-b}").Succeeded());

        Assert.Empty(manifests.OfKind("ClusterRole"));
        Assert.Empty(manifests.OfKind("ClusterRoleBinding"));
        Assert.Equal(["cerby-system", "team-a", "team-b"], manifests.OfKind("Role").Select(r => r.Namespace!).Order(StringComparer.Ordinal));
        Assert.Contains("value: \"team-a,team-b\"", manifests.OfKind("Deployment").Single().Text, StringComparison.Ordinal);
    }

    [HelmFact]
    public void Optional_monitoring_objects_render_when_turned_on()
    {
        var manifests = RenderedManifests.Parse(Helm.Template(ReleaseNamespace, AllToggles).Succeeded());

        Assert.Single(manifests.OfKind("ServiceMonitor"));
        var rule = manifests.OfKind("PrometheusRule").Single().Text;
        foreach (var alert in new[] { "CerbyHubDrift", "CerbyRemovalsHeld", "CerbyIdpSyncStale", "CerbyReconcileErrors", "CerbyConnectorThrottled", "CerbyOperatorDown", "CerbyShareExpiringSoon", "CerbyAccessReviewOverdue" })
        {
            Assert.Contains($"alert: {alert}", rule, StringComparison.Ordinal);
        }

        Assert.Contains("grafana_dashboard: \"1\"", manifests.OfKind("ConfigMap").Single().Text, StringComparison.Ordinal);
    }

    [HelmFact]
    public void A_value_of_the_wrong_type_fails_with_a_message_naming_the_field()
    {
        var values = Path.Combine(Path.GetTempPath(), $"cerby-values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(values, "replicaCount: \"two\"\n");
        try
        {
            var error = Helm.TemplateWithValuesFile(ReleaseNamespace, values).Failed();

            Assert.Contains("/replicaCount", error, StringComparison.Ordinal);
            Assert.Contains("got string, want integer", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(values);
        }
    }

    [HelmFact]
    public void An_unknown_key_fails_with_a_message_naming_it()
    {
        var error = Helm.Template(ReleaseNamespace, "operator.wrokers=3").Failed();

        Assert.Contains("'wrokers' not allowed", error, StringComparison.Ordinal);
    }

    [HelmFact]
    public void The_app_write_concurrency_value_reaches_the_operator_and_is_bounded()
    {
        var defaults = RenderedManifests.Parse(Helm.Template(ReleaseNamespace).Succeeded()).OfKind("Deployment").Single().Text;
        var raised = RenderedManifests.Parse(Helm.Template(ReleaseNamespace, "operator.appWriteConcurrency=16").Succeeded()).OfKind("Deployment").Single().Text;
        var tooMany = Helm.Template(ReleaseNamespace, "operator.appWriteConcurrency=65").Failed();

        Assert.Contains("name: CERBY_APP_WRITE_CONCURRENCY\n              value: \"8\"", defaults.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("name: CERBY_APP_WRITE_CONCURRENCY\n              value: \"16\"", raised.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("/operator/appWriteConcurrency", tooMany, StringComparison.Ordinal);
    }

    [HelmFact]
    public void Install_notes_say_what_to_apply_next()
    {
        var output = Helm.Run("install", Helm.ReleaseName, Helm.ChartDirectory, "--namespace", ReleaseNamespace, "--dry-run=client").Succeeded();
        var notes = output[output.IndexOf("NOTES:", StringComparison.Ordinal)..];

        foreach (var expected in new[]
        {
            "--from-literal=apiToken=", "--from-literal=token=", "privateKey", "clientSecret", "bearerToken",
            "2. An IdentityProvider", "3. A BusinessHub", "4. IdpGroupBindings", "5. TeamShares", "kubectl get cerby -A",
        })
        {
            Assert.Contains(expected, notes, StringComparison.Ordinal);
        }
    }

    [HelmFact]
    public void Several_replicas_without_leader_election_are_refused()
    {
        var error = Helm.Template(ReleaseNamespace, "leaderElection.enabled=false").Failed();

        Assert.Contains("replicaCount is 2 but leaderElection.enabled is false", error, StringComparison.Ordinal);
        var single = RenderedManifests.Parse(Helm.Template(ReleaseNamespace, "leaderElection.enabled=false", "replicaCount=1", "podDisruptionBudget.enabled=false").Succeeded());
        Assert.Contains("- --leader-elect=false", single.OfKind("Deployment").Single().Text, StringComparison.Ordinal);
        Assert.DoesNotContain(single.OfKind("Role"), role => role.Name.EndsWith("-leader-election", StringComparison.Ordinal));
    }

    [Fact]
    public void The_chart_ships_exactly_the_generated_crds()
    {
        var source = Directory.GetFiles(Path.Combine(RepoPaths.Root, "crds"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var shipped = Directory.GetFiles(Path.Combine(Helm.ChartDirectory, "files", "crds"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(source, shipped);
        foreach (var file in source)
        {
            Assert.True(
                File.ReadAllText(Path.Combine(RepoPaths.Root, "crds", file!)) == File.ReadAllText(Path.Combine(Helm.ChartDirectory, "files", "crds", file!)),
                $"charts/cerby-operator/files/crds/{file} differs from crds/{file}: run charts/sync-crds.sh");
        }
    }

    [HelmFact]
    public void The_rendered_crds_equal_crds_apart_from_the_chart_labels_and_keep_annotation()
    {
        var rendered = RenderedManifests.Parse(Helm.Template(ReleaseNamespace).Succeeded()).OfKind("CustomResourceDefinition").ToList();
        var source = Directory.GetFiles(Path.Combine(RepoPaths.Root, "crds"), "*.yaml")
            .SelectMany(file => RenderedManifests.Parse(File.ReadAllText(file)).Documents).ToList();

        Assert.Equal(source.Select(d => d.Name).Order(StringComparer.Ordinal), rendered.Select(d => d.Name).Order(StringComparer.Ordinal));
        foreach (var crd in rendered)
        {
            var metadata = (YamlDotNet.RepresentationModel.YamlMappingNode)RenderedDocument.Child(crd.Root, "metadata")!;
            Assert.Equal("keep", RenderedDocument.Scalar(RenderedDocument.Child(metadata, "annotations"), "helm.sh/resource-policy"));
            metadata.Children.Remove(new YamlDotNet.RepresentationModel.YamlScalarNode("labels"));
            metadata.Children.Remove(new YamlDotNet.RepresentationModel.YamlScalarNode("annotations"));
            Assert.Equal(YamlJson.Canonical(source.Single(d => d.Name == crd.Name).Root), YamlJson.Canonical(crd.Root));
        }
    }
}
