using Cerby.Operator.Planning;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>The Event reasons and notes of the hub's Automation Log: one per change, naming user, hub, from → to and why.</summary>
internal static class ChangeEvents
{
    public const string DriftDetected = "DriftDetected";
    public const string DriftCorrected = "DriftCorrected";
    public const string RemovalsHeld = "RemovalsHeld";
    public const string ApplyFailed = "ApplyFailed";
    public const string ReadFailed = "AppReadFailed";
    public const string CredentialsMissing = "CredentialsMissing";
    public const string InvalidSpec = "InvalidSpec";
    public const string ChangesWithheld = "ChangesWithheld";
    public const string SeatsExhausted = "SeatsExhausted";

    /// <summary>The reason of a change's Event: what happened, in the seeds' words.</summary>
    public static string Reason(AccessChange change) => change.Drift ? DriftCorrected : change.Kind switch
    {
        AccessChangeKind.Invite => "UserInvited",
        AccessChangeKind.Add => "UserProvisioned",
        AccessChangeKind.RaiseRole or AccessChangeKind.LowerRole => "RoleChanged",
        AccessChangeKind.GrantAsset => "AssetGranted",
        AccessChangeKind.RevokeAsset => "AssetRevoked",
        AccessChangeKind.UpdateAttributes => "AttributesUpdated",
        AccessChangeKind.CancelInvite => "InviteCancelled",
        AccessChangeKind.Suspend => "UserSuspended",
        _ => "UserDeprovisioned",
    };

    /// <summary>The Event's action: the change kind.</summary>
    public static string Action(AccessChange change) => change.Kind.ToString();

    /// <summary>"alice@example.com: Editor → Admin in hub marketing/meta (page/123): Admin via team … (PATCH /Users/…)".</summary>
    public static string Note(string hubKey, AccessChange change, string? detail = null) =>
        $"{change.Email}: {change.From ?? "none"} → {change.To ?? "none"} in hub {hubKey}{(change.Asset is null ? "" : $" ({change.Asset})")}: {change.Reason}"
        + (detail is null ? "" : $" [{detail}]");
}
