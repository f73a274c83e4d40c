using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// A full read of an Entra tenant into the planner's <see cref="IdpDirectory"/>: every user (disabled ones included),
/// the bound groups (by id or exact display name) with their transitive members, and the enterprise app's role
/// assignments with the members of assigned groups. Could-not-read never becomes empty: a failed part is marked
/// unknown with its reason.
/// </summary>
internal sealed class EntraDirectoryReader(EntraGraph graph, TimeProvider time, ILogger logger)
{
    public async Task<EntraFullRead> ReadAsync(string idpKey, IReadOnlyList<IdpGroupReference> boundGroups, string? appId, CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        var usersProblem = await TryAsync(idpKey, "users", async () =>
        {
            foreach (var mapped in await graph.ListUsersAsync(user => EntraUserMapping.ToIdpUser(user), cancellationToken))
            {
                users[mapped.Id] = mapped;
            }
        });

        var groups = new Dictionary<string, IdpGroup>(StringComparer.Ordinal);
        var toRead = new Dictionary<string, string>(StringComparer.Ordinal);
        var outcomes = new List<(IdpGroupReference Reference, GroupLookup? Failed, string? GroupId)>();
        foreach (var reference in boundGroups.Distinct())
        {
            var (found, failed) = await LookUpAsync(idpKey, reference, groups, cancellationToken);
            if (found?.Id is { } foundId)
            {
                toRead.TryAdd(foundId, found.DisplayName ?? foundId);
            }

            outcomes.Add((reference, failed, found?.Id));
        }

        var assignments = new List<AppAssignment>();
        string? assignmentsProblem = null;
        if (appId is not null)
        {
            assignmentsProblem = await TryAsync(idpKey, $"assignments of enterprise app {appId}", async () =>
            {
                assignments.AddRange(await ReadAssignmentsAsync(graph, appId, cancellationToken));
                foreach (var assigned in assignments.Select(a => a.GroupId).OfType<string>())
                {
                    toRead.TryAdd(assigned, assigned);
                }
            });
        }

        var nested = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var membersProblems = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (groupId, name) in toRead)
        {
            var displayName = name;
            if (name == groupId)
            {
                // An assigned group is known by id only: its name is nice to have (the id stands in), its members are what matter.
                await TryAsync(idpKey, $"group {groupId}", async () => displayName = (await graph.GetGroupAsync(groupId, cancellationToken))?.DisplayName ?? groupId);
            }

            EntraGroupMembers? read = null;
            membersProblems[groupId] = await TryAsync(idpKey, $"members of group {displayName}",
                async () => read = await EntraGroupMembers.ReadAsync(graph, groupId, displayName, time, cancellationToken));
            if (read is null)
            {
                groups[groupId] = new IdpGroup(groupId, displayName, MembershipState.Unknown, [], null);
                continue;
            }

            groups[groupId] = read.Group;
            nested[groupId] = read.NestedGroups;
            foreach (var member in read.Users)
            {
                var mapped = EntraUserMapping.ToIdpUser(member);
                users.TryAdd(mapped.Id, mapped);
            }
        }

        var lookups = outcomes.Select(o => o.Failed
            ?? (membersProblems[o.GroupId!] is { } problem
                ? new GroupLookup(o.Reference, GroupLookupOutcome.MembersUnreadable, o.GroupId, problem)
                : new GroupLookup(o.Reference, GroupLookupOutcome.Read, o.GroupId, null))).ToList();

        var directory = new IdpDirectory(idpKey, usersProblem is null, users, groups, assignmentsProblem is null, assignments);
        return new EntraFullRead(new IdentityRead(directory, lookups, usersProblem, assignmentsProblem), nested);
    }

    /// <summary>The app's assignments with each one's app role value.</summary>
    public static async Task<IReadOnlyList<AppAssignment>> ReadAssignmentsAsync(EntraGraph graph, string appId, CancellationToken cancellationToken)
    {
        var roles = await graph.GetAppRolesAsync(appId, cancellationToken);
        return EntraAssignments.From(await graph.ListAppRoleAssignedToAsync(appId, cancellationToken), roles);
    }

    /// <summary>The group a reference names, or the lookup that says why there is none (unknown groups go into the directory as such).</summary>
    private async Task<(Group? Found, GroupLookup? Failed)> LookUpAsync(string idpKey, IdpGroupReference reference, Dictionary<string, IdpGroup> groups, CancellationToken cancellationToken)
    {
        IReadOnlyList<Group> matches = [];
        var problem = await TryAsync(idpKey, $"group {GroupLookups.Describe(reference)}", async () =>
        {
            matches = reference.Id is { Length: > 0 } id
                ? await graph.GetGroupAsync(id, cancellationToken) is { } byId ? [byId] : []
                : await graph.FindGroupsByNameAsync(reference.DisplayName ?? "", cancellationToken);
        });
        return GroupLookups.Resolve("Entra ID", reference, problem, matches, g => (g.Id!, g.DisplayName ?? g.Id!), groups);
    }

    /// <summary>Runs one read; a Graph failure becomes its reason (logged), cancellation by the caller propagates.</summary>
    private async Task<string?> TryAsync(string idpKey, string what, Func<Task> read)
    {
        try
        {
            await read();
            return null;
        }
        catch (EntraApiException e)
        {
            logger.ReadFailed(idpKey, what, e.Message);
            return e.Message;
        }
    }

}

/// <summary>A full read and, per group read completely, the groups nested in it (whose changes are its changes too).</summary>
internal sealed record EntraFullRead(IdentityRead Read, IReadOnlyDictionary<string, IReadOnlySet<string>> NestedGroups);
