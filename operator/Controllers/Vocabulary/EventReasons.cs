namespace Cerby.Operator.Controllers.Vocabulary;

/// <summary>Every reason of the Events the operator records, as the design's vocabulary names them.</summary>
internal static class EventReasons
{
    // One per applied change (the hub's Automation Log).
    public const string UserInvited = "UserInvited";
    public const string UserProvisioned = "UserProvisioned";
    public const string RoleChanged = "RoleChanged";
    public const string AssetGranted = "AssetGranted";
    public const string AssetRevoked = "AssetRevoked";
    public const string AttributesUpdated = "AttributesUpdated";
    public const string InviteCancelled = "InviteCancelled";
    public const string UserSuspended = "UserSuspended";
    public const string UserDeprovisioned = "UserDeprovisioned";
    public const string DriftCorrected = "DriftCorrected";

    // A flood: past the per-sync bound of change Events, one Event per reason names how many more there were.
    public const string UsersInvited = "UsersInvited";
    public const string UsersProvisioned = "UsersProvisioned";
    public const string UsersDeprovisioned = "UsersDeprovisioned";
    public const string ChangesApplied = "ChangesApplied";

    // What a hub sync decided or could not do.
    public const string DriftDetected = "DriftDetected";
    public const string RemovalsHeld = "RemovalsHeld";
    public const string ApplyFailed = "ApplyFailed";
    public const string AppReadFailed = "AppReadFailed";
    public const string CredentialsMissing = "CredentialsMissing";
    public const string InvalidSpec = "InvalidSpec";
    public const string ChangesWithheld = "ChangesWithheld";
    public const string SeatsExhausted = "SeatsExhausted";
    public const string ApprovalMismatch = "ApprovalMismatch";

    // A deleted TeamShare let go before its hub confirmed (recorded on the hub).
    public const string DeletionUnconfirmed = "DeletionUnconfirmed";

    // A TeamShare whose expiry is within the warning window (recorded on the share).
    public const string ShareExpiring = "ShareExpiring";

    // IdentityProvider.
    public const string WatchStarted = "WatchStarted";
    public const string InvalidConfiguration = "InvalidConfiguration";

    // AccessReview: its due date came (lines frozen, denies in force), and lines were undecided then.
    public const string ReviewDue = "ReviewDue";
    public const string ReviewOverdue = "ReviewOverdue";

    /// <summary>An IdpGroupBinding's membership change: "MemberAdded", "MemberRemoved", … (prefix + change kind).</summary>
    public const string MemberPrefix = "Member";
}
