using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Identity;

/// <summary>An IdentityProvider's status from what the identity cache holds of it.</summary>
internal static class IdentityProviderStatusBuilder
{
    public static void Set(IdentityProvider idp, IdpState? state, TimeProvider time)
    {
        var previous = idp.Status ?? new IdentityProviderStatus();
        var generation = idp.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        if (state?.LastFullRead is null)
        {
            var message = state?.Problem is { } problem ? $"the first read failed: {problem}" : "the first read is running";
            Conditions.Set(conditions, ConditionTypes.Ready, state?.Problem is null ? ConditionStatus.Unknown : ConditionStatus.False,
                state?.Problem is null ? "Reading" : "Unreachable", message, generation, time);
            Conditions.Set(conditions, ConditionTypes.Synced, ConditionStatus.Unknown, "Reading", message, generation, time);
        }
        else if (state.Problem is { } problem)
        {
            Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.False, "Unreachable",
                $"{problem}; last-known membership is kept and marked stale, and nobody loses access on its account", generation, time);
            Conditions.Set(conditions, ConditionTypes.Synced, ConditionStatus.False, "Stale",
                state.LastContact is { } contact ? $"last complete answer {contact:u}" : "never read completely: parts of the first read failed", generation, time);
        }
        else
        {
            Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.True, "Reading", "the identity provider answers", generation, time);
            Conditions.Set(conditions, ConditionTypes.Synced, ConditionStatus.True, "Current", $"read completely at {state.LastFullRead:u}, changes followed since", generation, time);
        }

        idp.Status = previous with
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            Users = state?.Directory.Users.Count ?? previous.Users,
            LastSyncTime = state?.LastFullRead ?? previous.LastSyncTime,
        };
    }

    public static void NotReady(IdentityProvider idp, string reason, string message, TimeProvider time)
    {
        var previous = idp.Status ?? new IdentityProviderStatus();
        var generation = idp.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.False, reason, message, generation, time);
        Conditions.Set(conditions, ConditionTypes.Synced, ConditionStatus.False, reason, message, generation, time);
        idp.Status = previous with { ObservedGeneration = generation, Conditions = conditions };
    }
}
