using Cerby.Operator.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// Incremental change detection with delta queries: one round on <c>/users/delta</c> (changed users; <c>@removed</c>
/// for deleted ones) and one on <c>/groups/delta</c> (<c>members@delta</c> entries, merged across pages, with
/// <c>@removed</c> for members that left; <c>@removed</c> groups). A tracked group whose changes are all direct user
/// members is updated from the delta itself; one with nested groups (or a nested group that changed) has its
/// transitive members read again. The app's assignments, which have no delta, are read again every poll and reported
/// only when they changed. The caller keeps the returned links only when the whole poll succeeded, so a failed poll is
/// repeated, never lost.
/// </summary>
internal sealed class EntraDeltaFeed(EntraGraph graph, TimeProvider time, ILogger logger)
{
    public async Task<EntraPollResult> PollAsync(IdpDirectory current, string? appId, EntraDeltaLinks links,
        IReadOnlyDictionary<string, IReadOnlySet<string>> nested, CancellationToken cancellationToken)
    {
        var userRound = await graph.ReadUsersDeltaAsync(links.Users, cancellationToken);
        var groupRound = await graph.ReadGroupsDeltaAsync(links.Groups, cancellationToken);
        EntraLog.Polled(logger, current.Name, userRound.Items.Count, groupRound.Items.Count);

        var users = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        foreach (var user in userRound.Items.Where(u => u.Id is not null))
        {
            var known = users.GetValueOrDefault(user.Id!) ?? current.Users.GetValueOrDefault(user.Id!);
            users[user.Id!] = EntraUserMapping.IsRemoved(user.AdditionalData) ? EntraUserMapping.Deleted(user.Id!, known) : EntraUserMapping.ToIdpUser(user, known);
        }

        var changes = GroupChanges.From(groupRound.Items);
        var nextNested = new Dictionary<string, IReadOnlySet<string>>(nested, StringComparer.Ordinal);
        var groups = new List<IdpGroup>();
        foreach (var (groupId, known) in current.Groups)
        {
            var nestedIn = nested.GetValueOrDefault(groupId);
            if (changes.Removed.Contains(groupId))
            {
                // Deleted (maybe restorably): what it held is no longer known; the next full read reports it not found.
                groups.Add(known with { State = MembershipState.Unknown, MemberIds = [], KnownAt = null });
                nextNested.Remove(groupId);
                continue;
            }

            var direct = changes.Touched.Contains(groupId);
            var viaNested = nestedIn?.Overlaps(changes.Touched) ?? false;
            if (!direct && !viaNested)
            {
                continue;
            }

            var name = changes.Names.GetValueOrDefault(groupId) ?? known.DisplayName;
            var members = changes.Members.GetValueOrDefault(groupId) ?? [];
            if (!viaNested && known.State == MembershipState.Known && nestedIn is { Count: 0 } && members.All(m => m.IsUser))
            {
                groups.Add(new IdpGroup(groupId, name, MembershipState.Known, Apply(known.MemberIds, members), time.GetUtcNow()));
                await AddUnknownUsersAsync(members.Where(m => !m.Removed).Select(m => m.Id), current, users, cancellationToken);
                continue;
            }

            var read = await EntraGroupMembers.ReadAsync(graph, groupId, name, time, cancellationToken);
            groups.Add(read.Group);
            nextNested[groupId] = read.NestedGroups;
            AddUsers(read.Users, current, users);
        }

        IReadOnlyList<AppAssignment>? assignments = null;
        if (appId is not null)
        {
            var read = await EntraDirectoryReader.ReadAssignmentsAsync(graph, appId, cancellationToken);
            if (!current.AssignmentsKnown || !EntraAssignments.Same(current.Assignments, read))
            {
                assignments = read;
                await ReadNewlyAssignedGroupsAsync(read, current, groups, users, nextNested, cancellationToken);
            }
        }

        return new EntraPollResult(new IdentityUpdate(groups, users.Values.ToList(), assignments), new EntraDeltaLinks(userRound.DeltaLink, groupRound.DeltaLink), nextNested);
    }

    /// <summary>
    /// Without a usable delta link (none yet, or Graph no longer knows it): fresh links first, then every user, every
    /// tracked group's members and the assignments read again. Users no longer listed are reported deleted.
    /// </summary>
    public async Task<EntraPollResult> ResyncAsync(IdpDirectory current, string? appId, CancellationToken cancellationToken)
    {
        var links = new EntraDeltaLinks(await graph.LatestUsersDeltaLinkAsync(cancellationToken), await graph.LatestGroupsDeltaLinkAsync(cancellationToken));
        var users = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        foreach (var user in await graph.ListUsersAsync(cancellationToken))
        {
            var mapped = EntraUserMapping.ToIdpUser(user);
            users[mapped.Id] = mapped;
        }

        foreach (var (id, known) in current.Users.Where(u => !users.ContainsKey(u.Key) && u.Value.Lifecycle != UserLifecycle.Deleted))
        {
            users[id] = EntraUserMapping.Deleted(id, known);
        }

        var nested = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var groups = new List<IdpGroup>();
        foreach (var (groupId, known) in current.Groups)
        {
            if (await graph.GetGroupAsync(groupId, cancellationToken) is not { } group)
            {
                groups.Add(known with { State = MembershipState.Unknown, MemberIds = [], KnownAt = null });
                continue;
            }

            var read = await EntraGroupMembers.ReadAsync(graph, groupId, group.DisplayName ?? known.DisplayName, time, cancellationToken);
            groups.Add(read.Group);
            nested[groupId] = read.NestedGroups;
            AddUsers(read.Users, current, users);
        }

        IReadOnlyList<AppAssignment>? assignments = null;
        if (appId is not null)
        {
            assignments = await EntraDirectoryReader.ReadAssignmentsAsync(graph, appId, cancellationToken);
            await ReadNewlyAssignedGroupsAsync(assignments, current, groups, users, nested, cancellationToken);
        }

        return new EntraPollResult(new IdentityUpdate(groups, users.Values.ToList(), assignments), links, nested);
    }

    /// <summary>The members after a round's changes: the last entry per member wins (an add then a remove is a remove).</summary>
    private static List<string> Apply(IReadOnlyList<string> members, IReadOnlyList<EntraMemberChange> changes)
    {
        var net = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            net[change.Id] = !change.Removed;
        }

        var result = members.Where(m => net.GetValueOrDefault(m, true)).ToList();
        result.AddRange(net.Where(n => n.Value && !members.Contains(n.Key, StringComparer.Ordinal)).Select(n => n.Key));
        return result;
    }

    private async Task ReadNewlyAssignedGroupsAsync(IReadOnlyList<AppAssignment> assignments, IdpDirectory current, List<IdpGroup> groups,
        Dictionary<string, IdpUser> users, Dictionary<string, IReadOnlySet<string>> nested, CancellationToken cancellationToken)
    {
        foreach (var groupId in assignments.Select(a => a.GroupId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (current.Groups.ContainsKey(groupId) || groups.Any(g => g.Id == groupId))
            {
                continue;
            }

            var name = (await graph.GetGroupAsync(groupId, cancellationToken))?.DisplayName ?? groupId;
            var read = await EntraGroupMembers.ReadAsync(graph, groupId, name, time, cancellationToken);
            groups.Add(read.Group);
            nested[groupId] = read.NestedGroups;
            AddUsers(read.Users, current, users);
        }
    }

    /// <summary>Members read in full: new to the caller, they are reported; known ones only when the user round had them.</summary>
    private static void AddUsers(IEnumerable<User> members, IdpDirectory current, Dictionary<string, IdpUser> users)
    {
        foreach (var member in members.Where(m => m.Id is not null && !current.Users.ContainsKey(m.Id) && !users.ContainsKey(m.Id)))
        {
            var mapped = EntraUserMapping.ToIdpUser(member);
            users[mapped.Id] = mapped;
        }
    }

    private async Task AddUnknownUsersAsync(IEnumerable<string> ids, IdpDirectory current, Dictionary<string, IdpUser> users, CancellationToken cancellationToken)
    {
        foreach (var id in ids.Where(id => !current.Users.ContainsKey(id) && !users.ContainsKey(id)).ToList())
        {
            if (await graph.GetUserAsync(id, cancellationToken) is { } user)
            {
                users[id] = EntraUserMapping.ToIdpUser(user);
            }
        }
    }

    /// <summary>A groups round merged: a group's entries may be split over pages and repeated.</summary>
    private sealed record GroupChanges(HashSet<string> Touched, HashSet<string> Removed, Dictionary<string, string> Names, Dictionary<string, List<EntraMemberChange>> Members)
    {
        public static GroupChanges From(IEnumerable<Group> entries)
        {
            var changes = new GroupChanges(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
            foreach (var group in entries.Where(g => g.Id is not null))
            {
                var id = group.Id!;
                changes.Touched.Add(id);
                if (EntraUserMapping.IsRemoved(group.AdditionalData))
                {
                    changes.Removed.Add(id);
                    continue;
                }

                changes.Removed.Remove(id); // restored later in the same round
                if (group.DisplayName is { Length: > 0 } name)
                {
                    changes.Names[id] = name;
                }

                var members = EntraMemberChange.Parse(group.AdditionalData);
                if (members.Count > 0)
                {
                    if (!changes.Members.TryGetValue(id, out var list))
                    {
                        changes.Members[id] = list = [];
                    }

                    list.AddRange(members);
                }
            }

            return changes;
        }
    }
}

/// <summary>One poll's outcome: the update, the links to poll from next, and the nested groups of each tracked group.</summary>
internal sealed record EntraPollResult(IdentityUpdate Update, EntraDeltaLinks Links, IReadOnlyDictionary<string, IReadOnlySet<string>> NestedGroups);
