namespace Cerby.Operator.Planning;

/// <summary>A team's members as resolved from the IdP groups bound to it, and how far they can be trusted.</summary>
/// <param name="Key">namespace/team.</param>
/// <param name="Members">Members from the groups that could be read, with their IdP directory.</param>
/// <param name="State">Known only when every bound group is known; Unknown when any is unknown.</param>
/// <param name="Unknowns">For a team not Known: why, one per bound group at fault, each with the users it could hold.</param>
public sealed record TeamView(string Key, IReadOnlyList<IdpUser> Members, MembershipState State, IReadOnlyList<Unknown> Unknowns)
{
    /// <summary>Why the team is not Known, one line per bound group at fault.</summary>
    public IEnumerable<string> Notes => Unknowns.Select(u => u.Reason);
}
