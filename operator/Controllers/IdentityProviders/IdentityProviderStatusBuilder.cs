using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Identity.Scim;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>An IdentityProvider's status from what the identity cache holds of it: pure (the time is handed in).</summary>
internal static class IdentityProviderStatusBuilder
{
    public static IdentityProviderStatus From(IdentityProvider idp, IdpState? state, DateTimeOffset now)
    {
        var previous = idp.Status ?? new IdentityProviderStatus();
        var generation = idp.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        if (state?.LastFullRead is null)
        {
            var message = state?.Problem is { } problem ? $"the first read failed: {problem}" : "the first read is running";
            Conditions.Set(conditions, ConditionTypes.Ready, state?.Problem is null ? ConditionStatus.Unknown : ConditionStatus.False,
                state?.Problem is null ? ConditionReasons.Reading : ConditionReasons.Unreachable, message, generation, now);
            Conditions.Set(conditions, ConditionTypes.Synced, ConditionStatus.Unknown, ConditionReasons.Reading, message, generation, now);
        }
        else if (idp.Spec.Type == IdentityProviderType.Scim && ScimStatus(state) is var (ready, readyReason, readyMessage, synced, syncedReason, syncedMessage))
        {
            Conditions.Set(conditions, ConditionTypes.Ready, ready, readyReason, readyMessage, generation, now);
            Conditions.Set(conditions, ConditionTypes.Synced, synced, syncedReason, syncedMessage, generation, now);
        }
        else if (state.Problem is { } problem)
        {
            Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.Unreachable,
                $"{problem}; last-known membership is kept and marked stale, and nobody loses access on its account", generation, now);
            Conditions.Set(conditions, ConditionTypes.Synced, ConditionStatus.False, ConditionReasons.Stale,
                state.LastContact is { } contact ? $"last complete answer {contact:u}" : "never read completely: parts of the first read failed", generation, now);
        }
        else
        {
            Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.True, ConditionReasons.Reading, "the identity provider answers", generation, now);
            Conditions.Set(conditions, ConditionTypes.Synced, ConditionStatus.True, ConditionReasons.Current, $"read completely at {state.LastFullRead:u}, changes followed since", generation, now);
        }

        return previous with
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            Users = state is null ? previous.Users : state.Directory.UsersKnown ? state.Directory.Users.Values.Count(u => u.Lifecycle != UserLifecycle.Deleted) : 0,
            LastSyncTime = state?.LastFullRead ?? previous.LastSyncTime,
        };
    }

    /// <summary>
    /// A scim IdentityProvider is known from its first push (pushes carry changes only and no "end of push", so "known"
    /// means: holds everything pushed so far, kept durably across restarts), and says so; before any push it serves
    /// but knows nothing, which is not a failure.
    /// </summary>
    private static (ConditionStatus, string, string, ConditionStatus, string, string) ScimStatus(IdpState state)
    {
        var directory = state.Directory;
        var nothingPushed = !directory.UsersKnown && (state.Problem is null || state.Problem.Contains(ScimDirectory.NothingPushed, StringComparison.Ordinal));
        if (nothingPushed)
        {
            return (ConditionStatus.True, ConditionReasons.Serving, "the SCIM endpoint accepts pushes",
                ConditionStatus.False, ConditionReasons.NothingPushed, "the identity provider has pushed nothing yet: membership is unknown, so nobody loses access on its account");
        }

        if (state.Problem is { } problem)
        {
            return (ConditionStatus.False, ConditionReasons.Unreachable, $"{problem}; last-known membership is kept and marked stale, and nobody loses access on its account",
                ConditionStatus.False, ConditionReasons.Stale, $"last complete answer {state.LastContact:u}");
        }

        var users = directory.Users.Values.Count(u => u.Lifecycle != UserLifecycle.Deleted);
        return (ConditionStatus.True, ConditionReasons.Serving, "the SCIM endpoint accepts pushes and stores them durably",
            ConditionStatus.True, ConditionReasons.Pushed,
            $"holds everything pushed so far: {users} users, {directory.Groups.Count} tracked groups; the identity provider pushes changes only, so a change it never pushed is not known");
    }

    public static IdentityProviderStatus NotReady(IdentityProvider idp, string reason, string message, DateTimeOffset now)
    {
        var previous = idp.Status ?? new IdentityProviderStatus();
        var generation = idp.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.False, reason, message, generation, now);
        Conditions.Set(conditions, ConditionTypes.Synced, ConditionStatus.False, reason, message, generation, now);
        return previous with { ObservedGeneration = generation, Conditions = conditions };
    }
}
