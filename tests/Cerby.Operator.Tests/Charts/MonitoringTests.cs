using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Cerby.Operator.Tests.Charts;

/// <summary>The alerts and the dashboard use only the metrics the operator exports, by their exact names and labels.</summary>
public sealed partial class MonitoringTests
{
    /// <summary>What the operator exports (README, Metrics), with each metric's labels.</summary>
    private static readonly Dictionary<string, string[]> Exported = new(StringComparer.Ordinal)
    {
        ["cerby_hub_drift_members"] = ["namespace", "hub"],
        ["cerby_hub_members"] = ["namespace", "hub", "role"],
        ["cerby_hub_pending_invites"] = ["namespace", "hub"],
        ["cerby_hub_seats"] = ["namespace", "hub", "state"],
        ["cerby_hub_removals_held"] = ["namespace", "hub"],
        ["cerby_hub_plan_changes"] = ["namespace", "hub"],
        ["cerby_hub_last_sync_timestamp_seconds"] = ["namespace", "hub"],
        ["cerby_access_changes_total"] = ["namespace", "hub", "kind", "result"],
        ["cerby_connector_calls_total"] = ["namespace", "hub", "connector"],
        ["cerby_connector_errors_total"] = ["namespace", "hub", "connector", "kind"],
        ["cerby_idp_sync_age_seconds"] = ["namespace", "idp"],
        ["cerby_idp_stale"] = ["namespace", "idp"],
        ["cerby_reconcile_total"] = ["controller", "result"],
        ["cerby_reconcile_errors_total"] = ["controller"],
        ["cerby_reconcile_time_seconds_bucket"] = ["controller", "le"],
        ["cerby_workqueue_depth"] = ["controller"],
        ["cerby_leader_election_leading"] = ["lease"],
        ["cerby_share_expiry_timestamp_seconds"] = ["namespace", "share", "hub"],
        ["cerby_access_review_open"] = ["namespace", "review"],
        ["cerby_access_review_overdue_lines"] = ["namespace", "review"],
    };

    /// <summary>Labels Prometheus adds to every scraped series (target labels of the ServiceMonitor).</summary>
    private static readonly string[] TargetLabels = ["pod", "instance", "job", "service", "container", "endpoint"];

    private static readonly string ChartDirectory = Helm.ChartDirectory;

    [Fact]
    public void The_alert_file_has_the_eight_alerts_each_with_a_summary_and_a_runbook()
    {
        var rules = Alerts();

        Assert.Equal(
            ["CerbyHubDrift", "CerbyRemovalsHeld", "CerbyIdpSyncStale", "CerbyReconcileErrors", "CerbyConnectorThrottled", "CerbyOperatorDown", "CerbyShareExpiringSoon", "CerbyAccessReviewOverdue"],
            rules.Select(rule => rule.Alert));
        Assert.All(rules, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Summary), $"{rule.Alert} has no summary");
            Assert.True(rule.Runbook.Length > 80, $"{rule.Alert} has no runbook text");
            Assert.Matches("^(info|warning|critical)$", rule.Severity);
        });
        Assert.Contains("cerby_hub_drift_members) > 0", rules[0].Expr, StringComparison.Ordinal);
        Assert.Contains("rate(cerby_connector_errors_total{kind=\"Throttled\"}[10m])", rules[4].Expr, StringComparison.Ordinal);
        Assert.Contains("max(cerby_leader_election_leading) == 0", rules[5].Expr, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_use_only_exported_metrics_and_their_labels()
    {
        foreach (var rule in Alerts())
        {
            AssertOnlyExported(rule.Expr, rule.Alert);
        }
    }

    [Fact]
    public void Dashboard_panels_use_only_exported_metrics_and_their_labels()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(ChartDirectory, "dashboards", "cerby-operator.json")))!;
        var panels = dashboard["panels"]!.AsArray().Where(panel => panel!["type"]!.GetValue<string>() != "row").ToList();

        Assert.Equal("cerby-operator", dashboard["uid"]!.GetValue<string>());
        Assert.True(panels.Count >= 12, $"{panels.Count} panels");
        Assert.Equal(panels.Count, panels.Select(panel => panel!["id"]!.GetValue<int>()).Distinct().Count());
        foreach (var panel in panels)
        {
            foreach (var target in panel!["targets"]!.AsArray())
            {
                AssertOnlyExported(target!["expr"]!.GetValue<string>(), panel["title"]!.GetValue<string>());
            }
        }

        var used = panels.SelectMany(panel => panel!["targets"]!.AsArray()).SelectMany(target => MetricName().Matches(target!["expr"]!.GetValue<string>()))
            .Select(match => match.Value).ToHashSet(StringComparer.Ordinal);
        var unused = Exported.Keys.Where(metric => !used.Contains(metric)).ToList();
        Assert.True(unused.Count == 0, $"no panel shows {string.Join(", ", unused)}");
    }

    private static void AssertOnlyExported(string expr, string where)
    {
        foreach (Match match in MetricName().Matches(expr))
        {
            Assert.True(Exported.ContainsKey(match.Value), $"{where}: {match.Value} is not a metric the operator exports");
        }

        // Label names in selectors ({kind="…"}) and in by (…) clauses must be labels of the metrics the expression uses.
        var allowed = MetricName().Matches(expr).SelectMany(match => Exported[match.Value]).Concat(TargetLabels).ToHashSet(StringComparer.Ordinal);
        var labels = SelectorLabel().Matches(expr).Select(match => match.Groups[1].Value)
            .Concat(ByClause().Matches(expr).SelectMany(match => match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)));
        foreach (var label in labels)
        {
            Assert.True(allowed.Contains(label), $"{where}: label {label} is not one of the metrics' labels in {expr}");
        }
    }

    private static List<AlertRule> Alerts()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(ChartDirectory, "files", "alerts.yaml"))));
        return [.. ((YamlSequenceNode)RenderedDocument.Child(stream.Documents[0].RootNode, "groups")!).Children
            .SelectMany(group => ((YamlSequenceNode)RenderedDocument.Child(group, "rules")!).Children)
            .Select(rule => new AlertRule(
                RenderedDocument.Scalar(rule, "alert")!,
                RenderedDocument.Scalar(rule, "expr")!,
                RenderedDocument.Scalar(RenderedDocument.Child(rule, "labels"), "severity") ?? "",
                RenderedDocument.Scalar(RenderedDocument.Child(rule, "annotations"), "summary") ?? "",
                RenderedDocument.Scalar(RenderedDocument.Child(rule, "annotations"), "runbook") ?? ""))];
    }

    private sealed record AlertRule(string Alert, string Expr, string Severity, string Summary, string Runbook);

    [GeneratedRegex(@"\bcerby_[a-z_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"[{,]\s*([a-z_]+)\s*(?:=~|!~|!=|=)")]
    private static partial Regex SelectorLabel();

    [GeneratedRegex(@"\bby\s*\(([^)]*)\)")]
    private static partial Regex ByClause();
}
