namespace Cerby.Operator.Tests.Charts;

/// <summary>The chart's shards (values <c>shards</c>, <c>shardUnlabelled</c>) rendered by the real helm.</summary>
public sealed class ChartShardTests
{
    private const string ReleaseNamespace = "cerby-system";

    [HelmFact]
    public void Without_shards_one_unsharded_deployment_runs_every_hub_under_the_default_lease()
    {
        var manifests = RenderedManifests.Parse(Helm.Template(ReleaseNamespace).Succeeded());

        var deployment = Assert.Single(manifests.OfKind("Deployment"));
        Assert.Equal("cerby-cerby-operator", deployment.Name);
        Assert.DoesNotContain("--hub-selector", deployment.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sharding.access.cerby.io", deployment.Text, StringComparison.Ordinal);
        Assert.Contains("- --lease-name=cerby-operator-leader\n", deployment.Text, StringComparison.Ordinal);
    }

    [HelmFact]
    public void Each_shard_is_a_deployment_of_its_own_with_its_hub_selector_its_lease_and_pods_no_other_shard_selects()
    {
        var manifests = RenderedManifests.Parse(Helm.Template(ReleaseNamespace, "shards={shard1,shard2}").Succeeded());

        var deployments = manifests.OfKind("Deployment").ToDictionary(d => d.Name);
        Assert.Equal(["cerby-cerby-operator-shard1", "cerby-cerby-operator-shard2", "cerby-cerby-operator-unlabelled"], deployments.Keys.Order(StringComparer.Ordinal));
        foreach (var shard in new[] { "shard1", "shard2" })
        {
            var text = deployments[$"cerby-cerby-operator-{shard}"].Text;
            Assert.Contains($"- \"--hub-selector=sharding.access.cerby.io/shard={shard}\"", text, StringComparison.Ordinal);
            Assert.Contains($"- --lease-name=cerby-operator-leader-{shard}\n", text, StringComparison.Ordinal);
            Assert.Contains($"sharding.access.cerby.io/shard: \"{shard}\"", Selector(text), StringComparison.Ordinal);
        }

        var unlabelled = deployments["cerby-cerby-operator-unlabelled"].Text;
        Assert.Contains("- \"--hub-selector=!sharding.access.cerby.io/shard\"", unlabelled, StringComparison.Ordinal);
        Assert.Contains("- --lease-name=cerby-operator-leader-unlabelled\n", unlabelled, StringComparison.Ordinal);
        Assert.Contains("sharding.access.cerby.io/shard: \"unlabelled\"", Selector(unlabelled), StringComparison.Ordinal);
        Assert.Equal(3, manifests.OfKind("PodDisruptionBudget").Count());
        Assert.Equal(3, manifests.OfKind("PodDisruptionBudget").Select(p => Selector(p.Text)).Distinct().Count());
    }

    [HelmFact]
    public void Shards_without_the_unlabelled_one_leave_unlabelled_hubs_to_no_deployment()
    {
        var manifests = RenderedManifests.Parse(Helm.Template(ReleaseNamespace, "shards={a}", "shardUnlabelled=false").Succeeded());

        var deployment = Assert.Single(manifests.OfKind("Deployment"));
        Assert.Equal("cerby-cerby-operator-a", deployment.Name);
    }

    [HelmFact]
    public void A_shard_name_that_is_no_label_value_is_refused_by_the_values_schema()
    {
        var failure = Helm.Template(ReleaseNamespace, "shards={Shard_1}").Failed();

        Assert.Contains("shards", failure, StringComparison.Ordinal);
    }

    /// <summary>The text of the <c>selector:</c> block (a Deployment's or PodDisruptionBudget's matchLabels).</summary>
    private static string Selector(string text)
    {
        var start = text.IndexOf("\n  selector:", StringComparison.Ordinal);
        var end = text.IndexOf("\n  ", start + 12, StringComparison.Ordinal);
        while (end >= 0 && text.Length > end + 3 && text[end + 3] == ' ')
        {
            end = text.IndexOf("\n  ", end + 1, StringComparison.Ordinal);
        }

        return end < 0 ? text[start..] : text[start..end];
    }
}
