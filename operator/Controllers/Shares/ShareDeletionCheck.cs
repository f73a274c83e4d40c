using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>What a deleted share's finalizer does now.</summary>
internal enum ShareDeletionStep
{
    /// <summary>The hub has acted on the share's users (or has nothing to act on): release the finalizer.</summary>
    Release,

    /// <summary>Wait for the hub; check again later.</summary>
    Wait,

    /// <summary>The grace is over and the hub still could not act: release, and say so in a Warning Event.</summary>
    ReleaseUnconfirmed,
}

/// <summary>
/// The pure decision of a deleted share's finalizer. It waits only for a hub sync that began after the deletion and
/// could act on the share's own users; uncertainty about other users, or in other hubs, never holds it, and nothing
/// holds it longer than the grace.
/// </summary>
internal static class ShareDeletionCheck
{
    /// <param name="hub">The share's hub, or null when it does not exist.</param>
    /// <param name="deletionSeen">When this operator first saw the share deleting.</param>
    /// <param name="formerUsers">The users the share granted before it was deleted; null when not known (after a restart).</param>
    /// <param name="waitingUsers">Those of <paramref name="formerUsers"/> whose narrowing the hub must withhold now (an unknown covers them).</param>
    public static (ShareDeletionStep Step, string Why) Decide(
        BusinessHub? hub, DateTimeOffset deletionSeen, DateTimeOffset now, IReadOnlyCollection<string>? formerUsers, IReadOnlyCollection<string> waitingUsers, TimeSpan grace)
    {
        if (hub is null || hub.Metadata.DeletionTimestamp is not null || hub.Spec.Policy.Paused || hub.Spec.Policy.DryRun)
        {
            return (ShareDeletionStep.Release, "the hub is gone, paused or in dry run: it changes nothing in the app");
        }

        var conditions = hub.Status?.Conditions ?? [];
        var syncedSince = hub.Status?.LastSyncTime is { } synced && synced > deletionSeen;
        var held = Conditions.IsTrue(conditions, ConditionTypes.RemovalsHeld);
        string why;
        if (!syncedSince)
        {
            why = "no sync of the hub has completed since the deletion";
        }
        else if (Conditions.IsTrue(conditions, ConditionTypes.Synced) || (formerUsers is not null && waitingUsers.Count == 0 && !held))
        {
            return (ShareDeletionStep.Release, "the hub synced without the share");
        }
        else
        {
            why = held ? "the hub holds removals that need approval"
                : formerUsers is null ? "the hub withholds changes, and the users this share granted are not known after a restart"
                : $"changes of {waitingUsers.Count} of the users it granted wait on what the hub cannot know (see its status.pendingPlan)";
        }

        return now - deletionSeen >= grace ? (ShareDeletionStep.ReleaseUnconfirmed, why) : (ShareDeletionStep.Wait, why);
    }
}
