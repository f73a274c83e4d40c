using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>The Event reason and note of each change in the hub's Automation Log, naming user, hub, from → to and why (reasons: <see cref="EventReasons"/>).</summary>
internal static class ChangeEvents
{
    /// <summary>The reason of a change's Event: what happened, in the seeds' words.</summary>
    public static string Reason(AccessChange change) => change.Drift ? EventReasons.DriftCorrected : change.Kind switch
    {
        AccessChangeKind.Invite => EventReasons.UserInvited,
        AccessChangeKind.Add => EventReasons.UserProvisioned,
        AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole => EventReasons.RoleChanged,
        AccessChangeKind.GrantAsset => EventReasons.AssetGranted,
        AccessChangeKind.RevokeAsset => EventReasons.AssetRevoked,
        AccessChangeKind.UpdateAttributes => EventReasons.AttributesUpdated,
        AccessChangeKind.CancelInvite => EventReasons.InviteCancelled,
        AccessChangeKind.Suspend => EventReasons.UserSuspended,
        _ => EventReasons.UserDeprovisioned,
    };

    /// <summary>The Event's action: the change kind.</summary>
    public static string Action(AccessChange change) => change.Kind.ToString();

    /// <summary>"alice@example.com: Editor → Admin in hub marketing/meta (page/123): Admin via team … (PATCH /Users/…)".</summary>
    public static string Note(string hubKey, AccessChange change, string? detail = null) =>
        $"{change.Email}: {change.From ?? "none"} → {change.To ?? "none"} in hub {hubKey}{(change.Asset is null ? "" : $" ({change.Asset})")}: {change.Reason}"
        + (detail is null ? "" : $" [{detail}]");

    /// <summary>
    /// The Event that stands for the <paramref name="count"/> change Events of one reason a sync did not record one by one
    /// (past <see cref="HubApplyOptions.EventsPerSync"/>): "provisioned 980 more users in hub …".
    /// </summary>
    public static (string Reason, string Note) Summary(string hubKey, string reason, int count, int bound)
    {
        var (summary, what) = reason switch
        {
            EventReasons.UserProvisioned => (EventReasons.UsersProvisioned, $"provisioned {count} more users"),
            EventReasons.UserInvited => (EventReasons.UsersInvited, $"invited {count} more users"),
            EventReasons.UserDeprovisioned => (EventReasons.UsersDeprovisioned, $"deprovisioned {count} more users"),
            EventReasons.ApplyFailed => (EventReasons.ApplyFailed, $"{count} more changes failed"),
            _ => (EventReasons.ChangesApplied, $"{count} more {reason} changes"),
        };
        return (summary, $"{what} in hub {hubKey} (one Event each for the first {bound} changes of a sync; the operator's log and cerby_access_changes_total list every one)");
    }
}
