using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// An approval annotation that released nothing: <c>approve-removals</c> given while the guard still holds removals
/// (so its hash is not theirs), or <c>apply-drift</c> given while drift is still reported. Said out loud (a Warning Event
/// and the condition's message) with the hash that is current, instead of being ignored without a word. An annotation
/// left over from an approval that worked is silent: then nothing is held or reported any more.
/// </summary>
internal static class ApprovalMismatch
{
    /// <summary>Why <c>approve-removals</c> released nothing, or null.</summary>
    public static string? Removals(BusinessHub hub, AccessPlan plan) =>
        Annotation(hub, Annotations.ApproveRemovals) is { } given && plan.HeldRemovals.Count > 0 && plan.HeldRemovalsHash is { } current && given != current
            ? $"annotation {Annotations.ApproveRemovals}={given} matches no held plan: the {plan.HeldRemovals.Count} removals held now have hash {current}; approve that hash to release them"
            : null;

    /// <summary>Why <c>apply-drift</c> applied nothing, or null.</summary>
    public static string? Drift(BusinessHub hub, AccessPlan plan) =>
        Annotation(hub, Annotations.ApplyDrift) is { } given && plan.DriftHash is { } current && given != current
            ? $"annotation {Annotations.ApplyDrift}={given} matches no drift report: the report now has hash {current}; review status.drift and apply that hash"
            : null;

    private static string? Annotation(BusinessHub hub, string name) =>
        hub.Metadata.Annotations is { } annotations && annotations.TryGetValue(name, out var value) && value.Trim().Length > 0 ? value.Trim() : null;
}
