using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// An update a poll or a resync puts together: the users and groups it read again, and the groups nested in each group
/// read (carried over from <paramref name="nested"/> for the others).
/// </summary>
internal sealed class EntraUpdateBuilder(EntraGraph graph, TimeProvider time, IdpDirectory current, IReadOnlyDictionary<string, IReadOnlySet<string>> nested)
{
    public Dictionary<string, IdpUser> Users { get; } = new(StringComparer.Ordinal);

    public List<IdpGroup> Groups { get; } = [];

    public Dictionary<string, IReadOnlySet<string>> Nested { get; } = new(nested, StringComparer.Ordinal);

    /// <summary>Reads the group's transitive members; members new to the caller are reported as users too.</summary>
    public async Task ReadGroupAsync(string groupId, string displayName, CancellationToken cancellationToken)
    {
        var read = await EntraGroupMembers.ReadAsync(graph, groupId, displayName, time, cancellationToken);
        Groups.Add(read.Group);
        Nested[groupId] = read.NestedGroups;
        foreach (var member in read.Users.Where(m => m.Id is not null && !current.Users.ContainsKey(m.Id) && !Users.ContainsKey(m.Id)))
        {
            var mapped = EntraUserMapping.ToIdpUser(member);
            Users[mapped.Id] = mapped;
        }
    }

    /// <summary>A tracked group that is gone (deleted, maybe restorably): what it held is no longer known, never empty.</summary>
    public void GroupGone(IdpGroup known)
    {
        Groups.Add(known with { State = MembershipState.Unknown, MemberIds = [], KnownAt = null });
        Nested.Remove(known.Id);
    }

    /// <summary>Groups the assignments name that the caller does not track yet: read, so their members are known.</summary>
    public async Task ReadNewlyAssignedGroupsAsync(IReadOnlyList<AppAssignment> assignments, CancellationToken cancellationToken)
    {
        foreach (var groupId in assignments.Select(a => a.GroupId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!current.Groups.ContainsKey(groupId) && !Groups.Any(g => g.Id == groupId))
            {
                var name = (await graph.GetGroupAsync(groupId, cancellationToken))?.DisplayName ?? groupId;
                await ReadGroupAsync(groupId, name, cancellationToken);
            }
        }
    }

    /// <summary>Users the caller does not know yet (new members named by a delta), read one by one; deleted ones are skipped.</summary>
    public async Task ReadUnknownUsersAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids.Where(id => !current.Users.ContainsKey(id) && !Users.ContainsKey(id)).ToList())
        {
            if (await graph.GetUserAsync(id, cancellationToken) is { } user)
            {
                Users[id] = EntraUserMapping.ToIdpUser(user);
            }
        }
    }

    /// <param name="changes">How many changes the poll found (delta entries, changed assignments): what paces the next poll.</param>
    public EntraPollResult Build(IReadOnlyList<AppAssignment>? assignments, EntraDeltaLinks links, int changes) =>
        new(new IdentityUpdate(Groups, Users.Values.ToList(), assignments), links, Nested, changes);
}

/// <summary>One poll's outcome: the update, the links to poll from next, the nested groups of each tracked group, and how many changes it found.</summary>
internal sealed record EntraPollResult(IdentityUpdate Update, EntraDeltaLinks Links, IReadOnlyDictionary<string, IReadOnlySet<string>> NestedGroups, int Changes);
