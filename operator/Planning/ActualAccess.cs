using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>A member's state in the app.</summary>
public enum MemberState
{
    /// <summary>Holds a seat.</summary>
    Active,

    /// <summary>Invited and has not accepted yet.</summary>
    Invited,

    /// <summary>Deactivated in the app; the account is kept.</summary>
    Suspended,
}

/// <summary>An asset a member has in the app with its native tasks.</summary>
public sealed record AppAsset(AssetKind Kind, string Id, IReadOnlyList<string> Tasks);

/// <summary>A member as the app has it.</summary>
/// <param name="Key">Match key (lower-case email).</param>
/// <param name="AppUserId">The app's own id for the member or invite.</param>
/// <param name="NativeRole">The app's role name; null when the app shows none.</param>
/// <param name="Managed">The operator provisioned this member (SCIM externalId, the hub's ledger); others are drift when nothing justifies them.</param>
/// <param name="InviteExpired">For an invited member: the invite expired without being accepted.</param>
public sealed record ActualMember(
    string Key,
    string Email,
    string? AppUserId,
    string? NativeRole,
    MemberState State,
    bool Managed,
    IReadOnlyList<AppAsset> Assets,
    IReadOnlyDictionary<string, string> Attributes,
    bool InviteExpired = false);

/// <summary>Who the app really has. Built only from a complete read: a partial read is an error, never a smaller list.</summary>
public sealed record ActualAccess(string Hub, IReadOnlyDictionary<string, ActualMember> Members);
