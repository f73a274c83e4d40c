namespace Cerby.Operator.Resources;

/// <summary>Annotations a person sets on a BusinessHub to tell the operator something.</summary>
public static class Annotations
{
    /// <summary>Approves the removals the guard holds: the value must be the held plan's hash shown in status.pendingPlan.hash.</summary>
    public const string ApproveRemovals = ApiGroup.Group + "/approve-removals";

    /// <summary>Applies a drift report: the value must be the report's hash shown in status.drift.hash (drift policy report).</summary>
    public const string ApplyDrift = ApiGroup.Group + "/apply-drift";

    /// <summary>Forces a sync now ("check for updates"): any new value, e.g. the current time, makes the operator read the app again.</summary>
    public const string RequestSync = ApiGroup.Group + "/sync-requested";
}
