using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Cache;

/// <summary>What the operator holds of one identity provider between reads.</summary>
/// <param name="Directory">Users, tracked groups and assignments as last known; groups turn Stale while the IdP cannot be read.</param>
/// <param name="Groups">Per bound group reference, what the last full read found (GroupFound and its reason).</param>
/// <param name="LastFullRead">When a full read last completed (even with unreadable parts); null before the first.</param>
/// <param name="LastContact">When the IdP last answered a read or poll completely.</param>
/// <param name="Problem">Why the IdP is not current (unreachable, a part unreadable); null when all is well. Never holds credentials.</param>
internal sealed record IdpState(
    IdpDirectory Directory,
    IReadOnlyList<GroupLookup> Groups,
    DateTimeOffset? LastFullRead,
    DateTimeOffset? LastContact,
    string? Problem)
{
    /// <summary>Whether last-known membership is being used because the IdP could not be read.</summary>
    public bool Stale => Directory.Groups.Values.Any(g => g.State == MembershipState.Stale) || (Problem is not null && LastContact is null);
}
