using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Cli;

/// <summary>Turns planner output into the report both output formats print.</summary>
internal static class PlanReportBuilder
{
    /// <summary>The report of one hub's plan.</summary>
    /// <param name="hasAppSnapshot">False when no AppSnapshot was given and the app was planned as empty.</param>
    public static HubPlanReport Hub(BusinessHub hub, AccessPlan plan, DesiredAccess desired, bool hasAppSnapshot)
    {
        IReadOnlyList<string> warnings = hasAppSnapshot
            ? []
            : [$"no AppSnapshot of BusinessHub {plan.Hub} was given: the app is treated as having no members (unknown is not empty: everyone entitled shows as new)"];
        return new HubPlanReport(
            plan.Hub,
            ConnectorName(hub.Spec.Connector.Type),
            plan.Hash,
            warnings,
            [.. desired.Uncertainties.Union(desired.Stale, StringComparer.Ordinal)], // stale sources are listed among the uncertainties too: once each
            [.. plan.Changes.Select(ChangeReport.Of)],
            plan.HeldRemovals.Count == 0 ? null : new HeldRemovalsReport(plan.HoldReason!, plan.HeldRemovalsHash!, [.. plan.HeldRemovals.Select(ChangeReport.Of)]),
            plan.Withheld.Count == 0 ? null : new WithheldReport(plan.WithheldReason!, [.. plan.Withheld.Select(ChangeReport.Of)]),
            [.. plan.Drift.Select(d => new DriftReport(d.Corrected ? "corrected" : "reported", ChangeReport.Of(d.Change)))]);
    }

    /// <summary>The report of a hub whose app or IdP could not be read: unknown, never empty; nothing planned.</summary>
    public static HubPlanReport Unknown(BusinessHub hub, string hubKey, string why) => new(
        hubKey,
        ConnectorName(hub.Spec.Connector.Type),
        "",
        [],
        [],
        [],
        null,
        null,
        [],
        why);

    /// <summary>The whole report with its totals.</summary>
    public static PlanReport Report(IReadOnlyList<string> warnings, IReadOnlyList<HubPlanReport> hubs) => new(
        warnings,
        hubs,
        new PlanSummary(
            hubs.Count,
            hubs.Sum(h => h.Changes.Count),
            hubs.Sum(h => h.HeldRemovals?.Changes.Count ?? 0),
            hubs.Sum(h => h.Withheld?.Changes.Count ?? 0),
            hubs.Sum(h => h.Drift.Count),
            hubs.Count(h => h.Unknown is not null) is > 0 and var unknown ? unknown : null));

    private static string ConnectorName(ConnectorType type) => System.Text.Json.JsonSerializer.Serialize(type).Trim('"'); // the manifest's spelling, for every connector type
}
