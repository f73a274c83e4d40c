namespace Cerby.Operator.Resources;

/// <summary>Annotations a person sets on a BusinessHub to tell the operator something.</summary>
public static class Annotations
{
    /// <summary>Approves the removals the guard holds: the value must be the held plan's hash shown in status.pendingPlan.hash.</summary>
    public const string ApproveRemovals = ApiGroup.Group + "/approve-removals";
}
