namespace Cerby.Operator.Controllers.Vocabulary;

/// <summary>
/// Every reason the operator writes into a condition (the <c>reason</c> field: CamelCase, stable, for machines; the
/// message says the rest). Grouped by the kind and condition that use them; a reason that is also an Event reason has
/// the same value as its <see cref="EventReasons"/> twin.
/// </summary>
internal static class ConditionReasons
{
    // BusinessHub: why no sync happened (Ready False; Synced False, or Unknown when paused).
    public const string Paused = "Paused";
    public const string InvalidSpec = EventReasons.InvalidSpec;
    public const string CredentialsMissing = EventReasons.CredentialsMissing;
    public const string AppReadFailed = EventReasons.AppReadFailed;

    // BusinessHub Ready / Synced after a sync.
    public const string Synced = "Synced";
    public const string ApplyFailed = EventReasons.ApplyFailed;
    public const string InSync = "InSync";
    public const string ChangesApplied = "ChangesApplied";
    public const string DryRun = "DryRun";
    public const string RemovalsHeld = EventReasons.RemovalsHeld;
    public const string ChangesWithheld = EventReasons.ChangesWithheld;

    // BusinessHub Drifted.
    public const string DriftReported = "DriftReported";
    public const string DriftCorrected = EventReasons.DriftCorrected;
    public const string NoDrift = "NoDrift";

    // BusinessHub RemovalsHeld.
    public const string RemovalGuard = "RemovalGuard";
    public const string NoneHeld = "NoneHeld";

    // BusinessHub IdpStale; IdpGroupBinding Synced and Ready.
    public const string MembershipKnown = "MembershipKnown";
    public const string MembershipStale = "MembershipStale";
    public const string MembershipUnknown = "MembershipUnknown";

    // BusinessHub Degraded.
    public const string InvalidShares = "InvalidShares";
    public const string AllSharesValid = "AllSharesValid";

    // TeamShare Ready.
    public const string Granted = "Granted";
    public const string InvalidShare = "InvalidShare";
    public const string InvalidScope = "InvalidScope";
    public const string Expired = "Expired";
    public const string HubNotFound = "HubNotFound";
    public const string HubNotReady = "HubNotReady";
    public const string Deleting = "Deleting";

    // IdpGroupBinding GroupFound.
    public const string IdentityProviderNotFound = "IdentityProviderNotFound";
    public const string Pending = "Pending";
    public const string Found = "Found";
    public const string GroupNotFound = "GroupNotFound";
    public const string GroupAmbiguous = "GroupAmbiguous";
    public const string LookupFailed = "LookupFailed";

    // IdentityProvider Ready and Synced.
    public const string Reading = "Reading";
    public const string Unreachable = "Unreachable";
    public const string Stale = "Stale";
    public const string Current = "Current";
    public const string Serving = "Serving";
    public const string NothingPushed = "NothingPushed";
    public const string Pushed = "Pushed";
    public const string InvalidConfiguration = EventReasons.InvalidConfiguration;

    // AccessReview Ready, Completed and Overdue (Ready=False uses HubNotFound).
    public const string Listed = "Listed";
    public const string Frozen = "Frozen";
    public const string AllDecided = "AllDecided";
    public const string Undecided = "Undecided";
    public const string NotDue = "NotDue";
    public const string Decided = "Decided";
    public const string DueDatePassed = "DueDatePassed";
}
