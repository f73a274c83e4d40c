using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// A full read of an Okta org into the planner's <see cref="IdpDirectory"/>: every user (deactivated ones included), the
/// bound groups (by id or exact display name) with their members, and the app integration's assignments with the
/// members of assigned groups. Could-not-read never becomes empty: a failed part is marked unknown with its reason.
/// </summary>
internal sealed class OktaDirectoryReader(OktaClient okta, TimeProvider time, ILogger logger)
{
    public async Task<IdentityRead> ReadAsync(string idpKey, IReadOnlyList<IdpGroupReference> boundGroups, string? appId, CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        var usersProblem = await TryAsync(idpKey, "users", async () =>
        {
            foreach (var user in await okta.ListUsersAsync(cancellationToken))
            {
                users[user.Id] = OktaUserMapping.ToIdpUser(user);
            }
        });

        var groups = new Dictionary<string, IdpGroup>(StringComparer.Ordinal);
        var toRead = new Dictionary<string, OktaGroup>(StringComparer.Ordinal);
        var outcomes = new List<(IdpGroupReference Reference, GroupLookup? Failed, string? GroupId)>();
        foreach (var reference in boundGroups.Distinct())
        {
            var (found, failed) = await LookUpAsync(idpKey, reference, groups, cancellationToken);
            if (found is not null)
            {
                toRead.TryAdd(found.Id, found);
            }

            outcomes.Add((reference, failed, found?.Id));
        }

        var assignments = new List<AppAssignment>();
        string? assignmentsProblem = null;
        if (appId is not null)
        {
            assignmentsProblem = await TryAsync(idpKey, $"assignments of app {appId}", async () =>
            {
                var appUsers = await okta.ListAppUsersAsync(appId, cancellationToken);
                var appGroups = await okta.ListAppGroupsAsync(appId, cancellationToken);
                assignments.AddRange(OktaAssignments.From(appUsers, appGroups));
                foreach (var assigned in appGroups)
                {
                    toRead.TryAdd(assigned.Id, assigned.Embedded?.Group ?? new OktaGroup(assigned.Id, null));
                }
            });
        }

        var membersProblems = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var group in toRead.Values)
        {
            membersProblems[group.Id] = await ReadMembersAsync(idpKey, group, groups, users, cancellationToken);
        }

        var lookups = outcomes.Select(o => o.Failed
            ?? (membersProblems[o.GroupId!] is { } problem
                ? new GroupLookup(o.Reference, GroupLookupOutcome.MembersUnreadable, o.GroupId, problem)
                : new GroupLookup(o.Reference, GroupLookupOutcome.Read, o.GroupId, null))).ToList();

        // Without an app integration there is nothing to know, so no assignments is the truth, not a gap.
        var directory = new IdpDirectory(idpKey, usersProblem is null, users, groups, assignmentsProblem is null, assignments);
        return new IdentityRead(directory, lookups, usersProblem, assignmentsProblem);
    }

    /// <summary>The group a reference names, or the lookup that says why there is none (unknown groups go into the directory as such).</summary>
    private async Task<(OktaGroup? Found, GroupLookup? Failed)> LookUpAsync(string idpKey, IdpGroupReference reference, Dictionary<string, IdpGroup> groups, CancellationToken cancellationToken)
    {
        IReadOnlyList<OktaGroup> matches = [];
        var problem = await TryAsync(idpKey, $"group {GroupLookups.Describe(reference)}", async () =>
        {
            matches = reference.Id is { Length: > 0 } id
                ? await okta.GetGroupAsync(id, cancellationToken) is { } byId ? [byId] : []
                : await okta.FindGroupsByNameAsync(reference.DisplayName ?? "", cancellationToken);
        });
        return GroupLookups.Resolve("Okta", reference, problem, matches, g => (g.Id, g.Profile?.Name ?? g.Id), groups);
    }

    private async Task<string?> ReadMembersAsync(string idpKey, OktaGroup group, Dictionary<string, IdpGroup> groups, Dictionary<string, IdpUser> users, CancellationToken cancellationToken)
    {
        var name = group.Profile?.Name ?? group.Id;
        IReadOnlyList<OktaUser> members = [];
        var problem = await TryAsync(idpKey, $"members of group {name}", async () => members = await okta.ListGroupMembersAsync(group.Id, cancellationToken));
        if (problem is not null)
        {
            groups[group.Id] = new IdpGroup(group.Id, name, MembershipState.Unknown, [], null);
            return problem;
        }

        foreach (var member in members)
        {
            users.TryAdd(member.Id, OktaUserMapping.ToIdpUser(member));
        }

        groups[group.Id] = new IdpGroup(group.Id, name, MembershipState.Known, members.Select(m => m.Id).ToList(), time.GetUtcNow());
        return null;
    }

    /// <summary>Runs one read; an Okta failure becomes its reason (logged), cancellation by the caller propagates.</summary>
    private async Task<string?> TryAsync(string idpKey, string what, Func<Task> read)
    {
        try
        {
            await read();
            return null;
        }
        catch (OktaApiException e)
        {
            logger.ReadFailed(idpKey, what, e.Message);
            return e.Message;
        }
    }

}
