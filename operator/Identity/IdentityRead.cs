using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Identity;

/// <summary>What became of one binding's group reference during a full read.</summary>
internal enum GroupLookupOutcome
{
    /// <summary>Found, and its members were read completely.</summary>
    Read,

    /// <summary>Found, but reading its members failed: the group is in the directory as <see cref="MembershipState.Unknown"/>.</summary>
    MembersUnreadable,

    /// <summary>The IdP has no such group (GroupFound=False).</summary>
    NotFound,

    /// <summary>Several groups carry the display name (GroupFound=False: bind by id).</summary>
    Ambiguous,

    /// <summary>The lookup itself failed, so whether the group exists is unknown.</summary>
    LookupFailed,
}

/// <summary>One binding's group reference and what the read found.</summary>
/// <param name="GroupId">The resolved group id, when exactly one group matched.</param>
/// <param name="Problem">Why the outcome is not <see cref="GroupLookupOutcome.Read"/>; never holds credentials.</param>
internal sealed record GroupLookup(IdpGroupReference Reference, GroupLookupOutcome Outcome, string? GroupId, string? Problem);

/// <summary>A full read of an identity provider: the planner's directory, and per bound group what was found.</summary>
/// <param name="UsersProblem">Why the user directory could not be read (<see cref="IdpDirectory.UsersKnown"/> false).</param>
/// <param name="AssignmentsProblem">Why the app integration's assignments could not be read.</param>
internal sealed record IdentityRead(IdpDirectory Directory, IReadOnlyList<GroupLookup> Groups, string? UsersProblem, string? AssignmentsProblem);
