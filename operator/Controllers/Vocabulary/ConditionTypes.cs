namespace Cerby.Operator.Controllers.Vocabulary;

/// <summary>The condition types the operator writes, as the design's vocabulary names them. Reasons: <see cref="ConditionReasons"/>.</summary>
internal static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Synced = "Synced";
    public const string Drifted = "Drifted";
    public const string RemovalsHeld = "RemovalsHeld";
    public const string IdpStale = "IdpStale";
    public const string GroupFound = "GroupFound";
    public const string Degraded = "Degraded";
    public const string Overdue = "Overdue";
    public const string Completed = "Completed";
}
