using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Cache;

/// <summary>What happened to one person in one group, for the binding's Events.</summary>
internal enum MembershipEventKind
{
    /// <summary>Added to the group.</summary>
    Joined,

    /// <summary>Removed from the group.</summary>
    Left,

    /// <summary>Still in the group, but no longer active in the IdP (suspended or deactivated).</summary>
    Deactivated,

    /// <summary>Deleted in the IdP.</summary>
    Deleted,

    /// <summary>Active again in the IdP.</summary>
    Reactivated,
}

/// <summary>One membership change of one group.</summary>
internal sealed record MembershipEvent(string GroupId, string GroupName, MembershipEventKind Kind, string UserId, string Email, string Detail);

/// <summary>
/// What changed in one IdP's cached state: the groups and users whose membership, lifecycle or profile differ from
/// before (deleted users appear with <see cref="UserLifecycle.Deleted"/>), whether the app assignments changed, and
/// the membership events per group.
/// </summary>
internal sealed record IdentityDelta(
    string IdpKey,
    IReadOnlyList<IdpGroup> Groups,
    IReadOnlyList<IdpUser> Users,
    bool AssignmentsChanged,
    IReadOnlyList<MembershipEvent> Events)
{
    public bool IsEmpty => Groups.Count == 0 && Users.Count == 0 && !AssignmentsChanged;

    /// <summary>The change as the planner takes it.</summary>
    public IdentityChange Change => new(IdpKey, Groups, Users, AssignmentsChanged);
}
