using Cerby.KubeApiServer;

namespace Cerby.Operator.Tests.Charts;

/// <summary>The chart's RBAC against what the operator runtime really asks the API server for.</summary>
public sealed class RbacCoverageTests(AllNamespacesRun run) : IClassFixture<AllNamespacesRun>
{
    private const string Group = "access.cerby.io";

    [HelmFact]
    public void The_run_exercised_every_kind_of_request_the_runtime_makes()
    {
        var made = run.Requests.Select(r => (r.Verb, r.Group, RbacRule.ResourceOf(r), r.Namespace)).ToHashSet();

        foreach (var expected in new[]
        {
            ("list", Group, "teamshares", (string?)null), ("watch", Group, "teamshares", null),
            ("list", Group, "businesshubs", null), ("watch", Group, "identityproviders", null), ("watch", Group, "idpgroupbindings", null),
            ("patch", Group, "teamshares", "default"), ("update", Group, "teamshares/status", "default"),
            ("get", "", "events", "default"), ("create", "", "events", "default"), ("update", "", "events", "default"), ("patch", "", "events", "default"),
            ("get", "coordination.k8s.io", "leases", "default"), ("create", "coordination.k8s.io", "leases", "default"),
            ("update", "coordination.k8s.io", "leases", "default"),
        })
        {
            Assert.True(made.Contains(expected), $"the run made no {expected}; it made:\n{RbacCoverage.Describe(run.Requests.Distinct())}");
        }
    }

    [HelmFact]
    public void The_default_chart_allows_every_request_of_the_run()
    {
        var uncovered = RbacCoverage.Uncovered(run.Requests);

        Assert.True(uncovered.Count == 0, $"the chart's RBAC does not allow:\n{RbacCoverage.Describe(uncovered)}");
    }

    [HelmFact]
    public void A_chart_watching_one_namespace_does_not_allow_the_cluster_wide_lists_and_watches()
    {
        var uncovered = RbacCoverage.Uncovered(run.Requests, RbacCoverage.DefaultReleaseNamespace, "watchNamespaces={default}");

        Assert.NotEmpty(uncovered);
        Assert.All(uncovered, request => Assert.True(request is { Namespace: null, Verb: "list" or "watch", Group: Group }, $"unexpected: {RbacCoverage.Describe([request])}"));
        Assert.Equal(5, uncovered.Count(r => r.Verb == "watch"));
    }

    [HelmFact]
    public void Removing_a_verb_from_the_rendered_role_is_reported()
    {
        var rendered = RenderedManifests.Parse(Helm.Template(RbacCoverage.DefaultReleaseNamespace).Succeeded());

        var withoutStatusUpdate = RbacCoverage.Grants(Edit(rendered, "ClusterRole", "verbs: [\"get\", \"update\"]", "verbs: [\"get\"]"));
        var withoutLeaseCreate = RbacCoverage.Grants(Edit(rendered, "Role", "verbs: [\"get\", \"create\", \"update\"]", "verbs: [\"get\", \"update\"]"));

        Assert.Equal(
            [new RecordedRequest("update", Group, "teamshares", "default", "status", null)],
            RbacCoverage.Uncovered(run.Requests, withoutStatusUpdate));
        Assert.Equal(
            [new RecordedRequest("create", "coordination.k8s.io", "leases", "default", null, null)],
            RbacCoverage.Uncovered(run.Requests, withoutLeaseCreate));
    }

    /// <summary>The rendered manifests with one text replacement in the one document of <paramref name="kind"/>.</summary>
    private static string Edit(RenderedManifests rendered, string kind, string from, string to)
    {
        var document = rendered.OfKind(kind).Single();
        Assert.Contains(from, document.Text, StringComparison.Ordinal);
        return RenderedManifests.Join(rendered.Documents.Select(d => d == document ? d with { Text = d.Text.Replace(from, to, StringComparison.Ordinal) } : d));
    }

    [Fact]
    public void Rules_match_verb_group_resource_subresource_names_and_namespace()
    {
        var rule = new RbacRule([Group], ["teamshares", "teamshares/status"], ["get", "update"], []);
        var named = new RbacRule([""], ["secrets"], ["get"], ["okta-api-token"]);
        var grants = new[] { new RbacGrant(null, rule, "ClusterRole x"), new RbacGrant("team-a", named, "Role team-a/x") };

        RecordedRequest[] requests =
        [
            new("get", Group, "teamshares", "default", null, "a"),            // allowed cluster-wide
            new("update", Group, "teamshares", "default", "status", "a"),     // allowed: teamshares/status
            new("update", Group, "businesshubs", "default", "status", "h"),   // another resource
            new("patch", Group, "teamshares", "default", null, "a"),          // another verb
            new("get", "", "secrets", "team-a", null, "okta-api-token"),      // named, in the Role's namespace
            new("get", "", "secrets", "team-a", null, "other"),               // a name the rule does not list
            new("get", "", "secrets", "team-b", null, "okta-api-token"),      // outside the Role's namespace
        ];

        Assert.Equal(
            [
                new RecordedRequest("update", Group, "businesshubs", "default", "status", null),
                new RecordedRequest("patch", Group, "teamshares", "default", null, null),
                new RecordedRequest("get", "", "secrets", "team-a", null, null),
                new RecordedRequest("get", "", "secrets", "team-b", null, null),
            ],
            RbacCoverage.Uncovered(requests, grants));
    }
}

/// <summary>The chart with <c>watchNamespaces</c> against an operator run watching one namespace.</summary>
public sealed class NamespacedRbacCoverageTests(OneNamespaceRun run) : IClassFixture<OneNamespaceRun>
{
    [HelmFact]
    public void Roles_in_the_watched_namespace_allow_every_request_of_a_run_watching_only_it()
    {
        Assert.Contains(run.Requests, r => r is { Verb: "watch", Resource: "teamshares", Namespace: "default" });
        Assert.DoesNotContain(run.Requests, r => r.Namespace is null);

        var uncovered = RbacCoverage.Uncovered(run.Requests, RbacCoverage.DefaultReleaseNamespace, "watchNamespaces={default}");

        Assert.True(uncovered.Count == 0, $"the chart's RBAC does not allow:\n{RbacCoverage.Describe(uncovered)}");
    }

    [HelmFact]
    public void Roles_in_other_namespaces_do_not()
    {
        var uncovered = RbacCoverage.Uncovered(run.Requests, RbacCoverage.DefaultReleaseNamespace, "watchNamespaces={team-a}");

        Assert.Contains(new RecordedRequest("watch", "access.cerby.io", "teamshares", "default", null, null), uncovered);
        Assert.Contains(new RecordedRequest("update", "access.cerby.io", "teamshares", "default", "status", null), uncovered);
        Assert.DoesNotContain(uncovered, r => r.Group == "coordination.k8s.io");
    }
}
