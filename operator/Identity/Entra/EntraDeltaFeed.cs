using Cerby.Operator.Planning;
using Microsoft.Extensions.Logging;

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
        logger.Polled(current.Name, userRound.Items.Count, groupRound.Items.Count);

        var update = new EntraUpdateBuilder(graph, time, current, nested);
        foreach (var user in userRound.Items.Where(u => u.Id is not null))
        {
            var known = update.Users.GetValueOrDefault(user.Id!) ?? current.Users.GetValueOrDefault(user.Id!);
            update.Users[user.Id!] = EntraUserMapping.IsRemoved(user.AdditionalData) ? EntraUserMapping.Deleted(user.Id!, known) : EntraUserMapping.ToIdpUser(user, known);
        }

        var changes = EntraGroupChanges.From(groupRound.Items);
        foreach (var (groupId, known) in current.Groups)
        {
            if (changes.Removed.Contains(groupId))
            {
                update.GroupGone(known); // the next full read reports it not found
                continue;
            }

            var nestedIn = nested.GetValueOrDefault(groupId);
            var viaNested = nestedIn?.Overlaps(changes.Touched) ?? false;
            if (!changes.Touched.Contains(groupId) && !viaNested)
            {
                continue;
            }

            var name = changes.Names.GetValueOrDefault(groupId) ?? known.DisplayName;
            var members = changes.Members.GetValueOrDefault(groupId) ?? [];
            if (!viaNested && known.State == MembershipState.Known && nestedIn is { Count: 0 } && members.All(m => m.IsUser))
            {
                update.Groups.Add(new IdpGroup(groupId, name, MembershipState.Known, Apply(known.MemberIds, members), time.GetUtcNow()));
                await update.ReadUnknownUsersAsync(members.Where(m => !m.Removed).Select(m => m.Id), cancellationToken);
            }
            else
            {
                await update.ReadGroupAsync(groupId, name, cancellationToken);
            }
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

        return update.Build(assignments, new EntraDeltaLinks(userRound.DeltaLink, groupRound.DeltaLink));
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
}
