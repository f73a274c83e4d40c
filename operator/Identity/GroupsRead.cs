using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Identity;

/// <summary>
/// A read of some groups only (newly bound ones): what each reference found, the groups with their members (Unknown
/// when they could not be read, never empty), and the members as the IdP returned them with the group.
/// </summary>
internal sealed record GroupsRead(IReadOnlyList<GroupLookup> Lookups, IReadOnlyDictionary<string, IdpGroup> Groups, IReadOnlyList<IdpUser> Members);

/// <summary>
/// An identity source that can read newly bound groups by themselves, so a new IdpGroupBinding costs the lookup and
/// the members of its group, not a full read of the directory. The periodic full read still reconciles everything.
/// </summary>
internal interface IGroupReadingSource
{
    /// <summary>Looks up <paramref name="groups"/> and reads their members; a part that fails is marked in the result, only cancellation throws.</summary>
    Task<GroupsRead> ReadGroupsAsync(IReadOnlyList<IdpGroupReference> groups, CancellationToken cancellationToken);

    /// <summary>
    /// A full read, as <see cref="IIdentitySource.ReadAsync"/>, that hands the groups over before the user list is done
    /// (<paramref name="groupsFirst"/>: a directory whose users are not known yet), so a cold start can plan the
    /// teams while the users page.
    /// </summary>
    Task<IdentityRead> ReadAsync(IReadOnlyList<IdpGroupReference> boundGroups, GroupsFirst groupsFirst, CancellationToken cancellationToken);
}

/// <summary>How a first full read hands its groups over before the user list ends.</summary>
/// <param name="Bound">The groups bound now (bindings created while the users page are read in the same pass).</param>
/// <param name="Publish">Takes each partial read: the groups known so far, users not yet known.</param>
internal sealed record GroupsFirst(Func<IReadOnlyList<IdpGroupReference>> Bound, Action<IdentityRead> Publish)
{
    /// <summary>How often the read looks for newly bound groups while the users page.</summary>
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromMilliseconds(500);
}
