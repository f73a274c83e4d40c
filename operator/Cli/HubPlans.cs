using Cerby.Operator.Planning;

namespace Cerby.Operator.Cli;

/// <summary>Plans every hub of the inputs into the report <c>plan</c> prints, and the exit code it implies.</summary>
internal static class HubPlans
{
    /// <summary>Exit code: a plan with changes to apply.</summary>
    public const int Changes = 3;

    /// <summary>Exit code: removals held by the guard.</summary>
    public const int HeldRemovals = 4;

    /// <summary>Exit code: a hub's app or IdP could not be read.</summary>
    public const int Unknown = 5;

    public static PlanReport Build(PlanInputs inputs, AccessComputation access)
    {
        var reports = new List<HubPlanReport>();
        foreach (var key in access.HubKeys)
        {
            var hub = inputs.HubOf(key)!;
            if (inputs.Unknown.TryGetValue(key, out var why))
            {
                reports.Add(PlanReportBuilder.Unknown(hub, key, why));
                continue;
            }

            var hasApp = inputs.Apps.TryGetValue(key, out var actual);
            var plan = access.Plan(hub, key, actual ?? new ActualAccess(key, new Dictionary<string, ActualMember>()));
            reports.Add(PlanReportBuilder.Hub(hub, plan, access.Desired(key), hasApp));
        }

        return PlanReportBuilder.Report(inputs.Warnings, reports);
    }

    /// <summary>The detailed exit code: the highest of 5 unknown, 4 held removals, 3 changes, else 0.</summary>
    public static int ExitCode(PlanReport report) =>
        report.Summary.Unknown is > 0 ? Unknown
        : report.Summary.HeldRemovals > 0 ? HeldRemovals
        : report.Summary.Changes > 0 ? Changes
        : 0;
}
