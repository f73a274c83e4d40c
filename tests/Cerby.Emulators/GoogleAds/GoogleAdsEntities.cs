namespace Cerby.Emulators.GoogleAds;

/// <summary>A CustomerUserAccess row: a Google account with a role on the customer.</summary>
internal sealed record EmulatedAdsUser(long UserId, string Email, string AccessRole, DateTimeOffset Created, string? Inviter)
{
    /// <summary>Set while a role change or removal of this user waits for a second admin (multi-party review).</summary>
    public bool PendingReview { get; init; }
}

/// <summary>A CustomerUserAccessInvitation row; role and email are immutable.</summary>
internal sealed record EmulatedAdsInvitation(long InvitationId, string Email, string AccessRole, DateTimeOffset Created, string Status);

/// <summary>What kind of account the emulated customer is, which decides the last-admin rules (reference section 3).</summary>
internal enum AdsAccountKind
{
    /// <summary>A serving (client) account owned by a manager account: no last-admin restriction applies.</summary>
    ServingWithManager,

    /// <summary>A serving account without an owning manager: its last admin cannot remove themselves (LAST_ADMIN_USER_OF_SERVING_CUSTOMER).</summary>
    ServingWithoutManager,

    /// <summary>A manager account: its last admin cannot be removed (LAST_ADMIN_USER_OF_MANAGER).</summary>
    Manager,
}
