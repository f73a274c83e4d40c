namespace Cerby.Operator.Planning;

/// <summary>A difference in the app that no share justifies and the operator did not cause.</summary>
/// <param name="Change">The change that would correct it.</param>
/// <param name="Corrected">True under drift policy enforce: the change is in the plan.</param>
public sealed record DriftEntry(AccessChange Change, bool Corrected);

/// <summary>
/// The planner's answer for one hub: the changes to apply in order, what the removal guard holds back, the drift it
/// found, the narrowing changes it withheld because membership is unknown, and stable hashes.
/// </summary>
/// <param name="Changes">Changes to apply now, grants first.</param>
/// <param name="HeldRemovals">Removals held by the guard until approved.</param>
/// <param name="HoldReason">Why removals are held; null when none are.</param>
/// <param name="HeldRemovalsHash">Hash of the held removals: approving it releases exactly these.</param>
/// <param name="Drift">Drift found, corrected or only reported.</param>
/// <param name="Withheld">Narrowing changes not made because some membership is unknown.</param>
/// <param name="WithheldReason">Why they were withheld; null when nothing was.</param>
/// <param name="Hash">Hash of the whole plan (changes and held removals).</param>
/// <param name="DriftHash">Hash of the drift reported and not corrected: approving it applies exactly that report; null when there is none.</param>
public sealed record AccessPlan(
    string Hub,
    IReadOnlyList<AccessChange> Changes,
    IReadOnlyList<AccessChange> HeldRemovals,
    string? HoldReason,
    string? HeldRemovalsHash,
    IReadOnlyList<DriftEntry> Drift,
    IReadOnlyList<AccessChange> Withheld,
    string? WithheldReason,
    string Hash,
    string? DriftHash = null)
{
    /// <summary>Nothing to apply, nothing held.</summary>
    public bool IsEmpty => Changes.Count == 0 && HeldRemovals.Count == 0;
}
