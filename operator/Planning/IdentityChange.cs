namespace Cerby.Operator.Planning;

/// <summary>
/// What changed in one IdP, as the planner needs it: groups whose membership was read again, users whose lifecycle or
/// profile changed (a deleted user comes as <see cref="UserLifecycle.Deleted"/>), and whether the app integration's
/// assignments changed. Users apply before groups, so a new member is known before the group naming them.
/// </summary>
/// <param name="IdpKey">namespace/name of the IdentityProvider.</param>
public sealed record IdentityChange(string IdpKey, IReadOnlyList<IdpGroup> Groups, IReadOnlyList<IdpUser> Users, bool AssignmentsChanged = false)
{
    /// <summary>One group's new membership.</summary>
    public static IdentityChange Group(string idpKey, IdpGroup group) => new(idpKey, [group], []);

    /// <summary>One user's new lifecycle or profile.</summary>
    public static IdentityChange User(string idpKey, IdpUser user) => new(idpKey, [], [user]);
}
