using Cerby.Operator.Planning;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// Incremental change detection with delta queries: one round on <c>/users/delta</c> (changed users; <c>@removed</c>
/// for deleted ones) and one on <c>/groups/delta</c> (<c>members@delta</c> entries, merged across pages, with
/// <c>@removed</c> for members that left; <c>@removed</c> groups). A tracked group whose changes, and those of the groups
/// nested in it, are all user members is updated from the delta itself, never by reading its members: a user added
/// directly or to a nested group is a member; a user removed is gone when the group has no nested groups, and otherwise
/// is looked up once (<c>transitiveMemberOf</c>: still in through another path?). A group whose nesting changed, or
/// whose nested groups are not known (after a restart, until its first read), has its transitive members read again.
/// The app's assignments, which have no delta, are read again every poll and reported only when they changed. The
/// caller keeps the returned links only when the whole poll succeeded, so a failed poll is repeated, never lost.
/// </summary>
internal sealed class EntraDeltaFeed(EntraGraph graph, TimeProvider time, ILogger logger)
{
    /// <summary>The most users a group's poll looks up one by one (leaves in a group with nested groups); beyond, the group is read again.</summary>
    public const int MaxLookupsPerGroup = 10;

    public async Task<EntraPollResult> PollAsync(IdpDirectory current, string? appId, EntraDeltaLinks links,
        IReadOnlyDictionary<string, IReadOnlySet<string>> nested, CancellationToken cancellationToken)
    {
        var userRound = await graph.ReadUsersDeltaAsync(links.Users, cancellationToken);
        var groupRound = await graph.ReadGroupsDeltaAsync(links.Groups, cancellationToken);
        logger.Polled(current.Name, userRound.Items.Count, groupRound.Items.Count);

        var update = new EntraUpdateBuilder(graph, time, current, nested);
        foreach (var user in userRound.Items.Where(u => u.Id is not null))
        {
            var known = update.Users.GetValueOrDefault(user.Id!) ?? current.Users.GetValueOrDefault(user.Id!);
            update.Users[user.Id!] = EntraUserMapping.IsRemoved(user.AdditionalData) ? EntraUserMapping.Deleted(user.Id!, known) : EntraUserMapping.ToIdpUser(user, known);
        }

        var changes = EntraGroupChanges.From(groupRound.Items);
        var stillIn = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal); // user → the groups they are in, looked up once per poll
        foreach (var (groupId, known) in current.Groups)
        {
            if (changes.Removed.Contains(groupId))
            {
                update.GroupGone(known); // the next full read reports it not found
                continue;
            }

            var nestedIn = nested.GetValueOrDefault(groupId);
            var touchedNested = nestedIn?.Where(changes.Touched.Contains).ToList() ?? [];
            if (!changes.Touched.Contains(groupId) && touchedNested.Count == 0)
            {
                continue;
            }

            var name = changes.Names.GetValueOrDefault(groupId) ?? known.DisplayName;
            var bySource = new[] { groupId }.Concat(touchedNested).Select(g => changes.Members.GetValueOrDefault(g) ?? []).ToList();
            var exact = known.State == MembershipState.Known && nestedIn is not null
                && !touchedNested.Any(changes.Removed.Contains) && bySource.All(entries => entries.All(m => m.IsUser));
            var net = exact ? Net(bySource) : null;
            if (net is not null && nestedIn!.Count > 0 && net.Count(n => !n.Value) > MaxLookupsPerGroup)
            {
                net = null; // many leaves in a nested structure: one read of the group is cheaper than a lookup per user
            }

            if (net is null)
            {
                await update.ReadGroupAsync(groupId, name, cancellationToken);
                continue;
            }

            var members = known.MemberIds.ToHashSet(StringComparer.Ordinal);
            try
            {
                foreach (var (userId, added) in net)
                {
                    if (added)
                    {
                        members.Add(userId);
                    }
                    else if (nestedIn!.Count == 0 || !await IsStillInAsync(userId, groupId, stillIn, cancellationToken))
                    {
                        members.Remove(userId);
                    }
                }
            }
            catch (EntraApiException e)
            {
                // The lookup is refused (a permission missing, say): the group's members say it too.
                logger.ReadFailed(current.Name, $"groups of a user who left group {name}", e.Message);
                await update.ReadGroupAsync(groupId, name, cancellationToken);
                continue;
            }

            update.Groups.Add(new IdpGroup(groupId, name, MembershipState.Known, [.. known.MemberIds.Where(members.Contains), .. members.Except(known.MemberIds, StringComparer.Ordinal)], time.GetUtcNow()));
            await update.ReadUnknownUsersAsync(net.Where(n => n.Value).Select(n => n.Key), cancellationToken);
        }

        IReadOnlyList<AppAssignment>? assignments = null;
        if (appId is not null)
        {
            var read = await EntraDirectoryReader.ReadAssignmentsAsync(graph, appId, cancellationToken);
            if (!current.AssignmentsKnown || !EntraAssignments.Same(current.Assignments, read))
            {
                assignments = read;
                await update.ReadNewlyAssignedGroupsAsync(read, cancellationToken);
            }
        }

        var changed = userRound.Items.Count + groupRound.Items.Count + (assignments is null ? 0 : 1);
        return update.Build(assignments, new EntraDeltaLinks(userRound.DeltaLink, groupRound.DeltaLink), changed);
    }

    /// <summary>
    /// Each user's net change across the group's own entries and its nested groups': within one group the last entry wins
    /// (an add then a remove is a remove); an add anywhere makes a member, whatever was removed elsewhere.
    /// </summary>
    private static Dictionary<string, bool> Net(IEnumerable<IReadOnlyList<EntraMemberChange>> bySource)
    {
        var net = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var entries in bySource)
        {
            var last = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var change in entries)
            {
                last[change.Id] = !change.Removed;
            }

            foreach (var (userId, added) in last)
            {
                net[userId] = net.GetValueOrDefault(userId) || added;
            }
        }

        return net;
    }

    /// <summary>Whether a user who left one path into the group is still in it through another: one lookup per user and poll.</summary>
    private async Task<bool> IsStillInAsync(string userId, string groupId, Dictionary<string, IReadOnlySet<string>> stillIn, CancellationToken cancellationToken)
    {
        if (!stillIn.TryGetValue(userId, out var groups))
        {
            stillIn[userId] = groups = await graph.ListGroupIdsOfUserAsync(userId, cancellationToken);
        }

        return groups.Contains(groupId);
    }
}
