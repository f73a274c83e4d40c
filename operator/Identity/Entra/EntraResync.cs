using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// A poll without a usable delta link (none yet, or Graph no longer knows it): fresh links first, then every user,
/// every tracked group's members and the assignments read again. Users no longer listed are reported deleted; tracked
/// groups that are gone become unknown.
/// </summary>
internal sealed class EntraResync(EntraGraph graph, TimeProvider time)
{
    public async Task<EntraPollResult> RunAsync(IdpDirectory current, string? appId, CancellationToken cancellationToken)
    {
        var links = new EntraDeltaLinks(await graph.LatestUsersDeltaLinkAsync(cancellationToken), await graph.LatestGroupsDeltaLinkAsync(cancellationToken));
        var update = new EntraUpdateBuilder(graph, time, current, new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal));
        foreach (var mapped in await graph.ListUsersAsync(user => EntraUserMapping.ToIdpUser(user), cancellationToken))
        {
            update.Users[mapped.Id] = mapped;
        }

        foreach (var (id, known) in current.Users.Where(u => !update.Users.ContainsKey(u.Key) && u.Value.Lifecycle != UserLifecycle.Deleted))
        {
            update.Users[id] = EntraUserMapping.Deleted(id, known);
        }

        foreach (var (groupId, known) in current.Groups)
        {
            if (await graph.GetGroupAsync(groupId, cancellationToken) is { } group)
            {
                await update.ReadGroupAsync(groupId, group.DisplayName ?? known.DisplayName, cancellationToken);
            }
            else
            {
                update.GroupGone(known);
            }
        }

        IReadOnlyList<AppAssignment>? assignments = null;
        if (appId is not null)
        {
            assignments = await EntraDirectoryReader.ReadAssignmentsAsync(graph, appId, cancellationToken);
            await update.ReadNewlyAssignedGroupsAsync(assignments, cancellationToken);
        }

        return update.Build(assignments, links, changes: 1); // a resync is no idle poll
    }
}
