using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>The kinds of change, in the order a plan applies them: every grant before any revocation.</summary>
public enum AccessChangeKind
{
    /// <summary>Invite a user who must accept before holding a seat.</summary>
    Invite,

    /// <summary>Create the member (or reactivate a suspended one) with a role.</summary>
    Add,

    /// <summary>Raise a member's role.</summary>
    RaiseRole,

    /// <summary>Give a member an asset, or change its tasks.</summary>
    GrantAsset,

    /// <summary>Write mapped profile attributes.</summary>
    UpdateAttributes,

    /// <summary>Lower a member's role.</summary>
    LowerRole,

    /// <summary>Take an asset away, or some of its tasks (then <see cref="AccessChange.Tasks"/> holds the tasks that remain).</summary>
    RevokeAsset,

    /// <summary>Withdraw an invite not yet accepted.</summary>
    CancelInvite,

    /// <summary>Deactivate a member and keep the account.</summary>
    Suspend,

    /// <summary>Delete a member.</summary>
    Remove,
}

/// <summary>Names used for change kinds in output and Events.</summary>
public static class AccessChangeKinds
{
    /// <summary>Whether the change takes a seat away (what the removal guard counts).</summary>
    public static bool IsRemoval(this AccessChangeKind kind) =>
        kind is AccessChangeKind.Remove or AccessChangeKind.Suspend or AccessChangeKind.CancelInvite;

    /// <summary>Whether the change narrows access (what unknown membership protects against).</summary>
    public static bool NarrowsAccess(this AccessChangeKind kind) =>
        kind.IsRemoval() || kind is AccessChangeKind.LowerRole or AccessChangeKind.RevokeAsset;
}

/// <summary>An asset a change is about.</summary>
public sealed record AssetRef(AssetKind Kind, string Id)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind switch { AssetKind.AdAccount => "adAccount", AssetKind.InstagramAccount => "instagramAccount", _ => Kind.ToString().ToLowerInvariant() }}/{Id}";
}

/// <summary>One change to make in the app, with the reason that justifies it.</summary>
/// <param name="From">The state before: a hub role ("Editor"), "invited", "suspended", asset tasks, or null when absent.</param>
/// <param name="To">The state after, in the same terms; null when the change removes.</param>
/// <param name="NativeRole">For Invite, Add, RaiseRole and LowerRole: the app-native role to write.</param>
/// <param name="Asset">For asset changes: the asset.</param>
/// <param name="Tasks">For GrantAsset, and RevokeAsset that only narrows: the native tasks to set. Null on a RevokeAsset that takes the asset away.</param>
/// <param name="Attributes">For UpdateAttributes: the attributes to write (null clears).</param>
/// <param name="Reason">Why, naming the shares (or their absence).</param>
/// <param name="Drift">True when the change corrects something the operator did not cause.</param>
/// <param name="AppUserId">The app's id of the member or invite the change acts on; null for a member not in the app yet.</param>
public sealed record AccessChange(
    AccessChangeKind Kind,
    string UserKey,
    string Email,
    string? From,
    string? To,
    string Reason,
    string? NativeRole = null,
    AssetRef? Asset = null,
    IReadOnlyList<string>? Tasks = null,
    IReadOnlyDictionary<string, string?>? Attributes = null,
    bool Drift = false,
    string? AppUserId = null)
{
    /// <summary>One readable line: "RaiseRole alice@example.com Editor → Admin: …".</summary>
    public override string ToString() =>
        $"{Kind} {Email}{(Asset is null ? "" : " " + Asset)} {From ?? "-"} → {To ?? "-"}: {Reason}";
}
