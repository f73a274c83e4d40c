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
    bool InviteExpired = false)
{
    /// <summary>The attributes of a member whose app keeps none the operator maps: one shared empty map, not one per member.</summary>
    public static IReadOnlyDictionary<string, string> NoAttributes { get; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
}

/// <summary>The app's paid seats, as the app reports them.</summary>
/// <param name="Total">Seats the plan has.</param>
/// <param name="Filled">Seats taken (members and pending invites, as the app counts them).</param>
public sealed record AppSeats(int Total, int Filled);

/// <summary>Who the app really has. Built only from a complete read: a partial read is an error, never a smaller list.</summary>
public sealed record ActualAccess(string Hub, IReadOnlyDictionary<string, ActualMember> Members)
{
    /// <summary>The app's seats; null when the app does not say (or the token may not see them), never 0 for unknown. The planner ignores it.</summary>
    public AppSeats? Seats { get; init; }
}
