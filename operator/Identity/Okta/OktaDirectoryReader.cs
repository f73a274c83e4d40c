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
    /// <summary>Groups are looked up and read this many at a time while the groups family's budget is ample (the edge caps requests per host; Okta's concurrency limit is far higher).</summary>
    private const int GroupReads = 4;

    /// <summary>Below this many requests left in the window (or before any answer stated it), groups are read one at a time, so the gate's pacing sees every answer before the next request.</summary>
    private const int AmpleBudget = 10 * GroupReads;

    /// <param name="groupsFirst">
    /// When given, handed the groups (members included) and assignments as soon as they are read, while the user list
    /// (usually the longest part) is still paging: a directory whose users are not known yet (<see cref="IdpDirectory.UsersKnown"/>
    /// false), holding the members' users only; groups bound while the users page are read and handed over too.
    /// </param>
    public async Task<IdentityRead> ReadAsync(string idpKey, IReadOnlyList<IdpGroupReference> boundGroups, string? appId, CancellationToken cancellationToken, GroupsFirst? groupsFirst = null)
    {
        // Users and groups are separate rate-limit families in Okta: the user list pages while the groups are read.
        var users = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        var listing = TryAsync(idpKey, "users", async () =>
        {
            foreach (var user in await okta.ListUsersAsync(OktaUserMapping.ToIdpUser, user => user.Id, cancellationToken))
            {
                users[user.Id] = user;
            }
        });

        var groups = new Dictionary<string, IdpGroup>(StringComparer.Ordinal);
        var toRead = new Dictionary<string, OktaGroup>(StringComparer.Ordinal);
        var outcomes = await LookUpAllAsync(idpKey, boundGroups, groups, toRead, cancellationToken);

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

        var (membersProblems, members) = await ReadAllMembersAsync(idpKey, toRead.Values, groups, cancellationToken);
        if (groupsFirst is not null)
        {
            // While the users page: hand the groups over, then read the groups bound meanwhile and hand those over too.
            while (!listing.IsCompleted)
            {
                var early = new IdpDirectory(idpKey, false, MembersOnly(members), new Dictionary<string, IdpGroup>(groups, StringComparer.Ordinal), assignmentsProblem is null, [.. assignments]);
                groupsFirst.Publish(new IdentityRead(early, Lookups(outcomes, membersProblems), null, assignmentsProblem));
                while (!listing.IsCompleted && NotLookedUp(groupsFirst.Bound(), outcomes) is { Count: 0 })
                {
                    await Task.WhenAny(listing, Task.Delay(GroupsFirst.RecheckEvery, time, cancellationToken));
                }

                if (!listing.IsCompleted)
                {
                    var more = new Dictionary<string, OktaGroup>(StringComparer.Ordinal);
                    outcomes.AddRange(await LookUpAllAsync(idpKey, NotLookedUp(groupsFirst.Bound(), outcomes), groups, more, cancellationToken));
                    var (moreProblems, moreMembers) = await ReadAllMembersAsync(idpKey, more.Values.Where(g => !membersProblems.ContainsKey(g.Id)), groups, cancellationToken);
                    foreach (var (id, problem) in moreProblems)
                    {
                        membersProblems[id] = problem;
                    }

                    members.AddRange(moreMembers);
                }
            }
        }

        var usersProblem = await listing;
        foreach (var member in members)
        {
            users.TryAdd(member.Id, member);
        }

        // Without an app integration there is nothing to know, so no assignments is the truth, not a gap.
        var directory = new IdpDirectory(idpKey, usersProblem is null, users, groups, assignmentsProblem is null, assignments);
        return new IdentityRead(directory, Lookups(outcomes, membersProblems), usersProblem, assignmentsProblem);
    }

    /// <summary>Only <paramref name="references"/>: each looked up and, when found, its members read (a newly bound group).</summary>
    public async Task<GroupsRead> ReadGroupsAsync(string idpKey, IReadOnlyList<IdpGroupReference> references, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<string, IdpGroup>(StringComparer.Ordinal);
        var toRead = new Dictionary<string, OktaGroup>(StringComparer.Ordinal);
        var outcomes = await LookUpAllAsync(idpKey, references, groups, toRead, cancellationToken);
        var (membersProblems, members) = await ReadAllMembersAsync(idpKey, toRead.Values, groups, cancellationToken);
        return new GroupsRead(Lookups(outcomes, membersProblems), groups, members);
    }

    private static Dictionary<string, IdpUser> MembersOnly(IEnumerable<IdpUser> members)
    {
        var known = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            known.TryAdd(member.Id, member);
        }

        return known;
    }

    private static List<IdpGroupReference> NotLookedUp(IReadOnlyList<IdpGroupReference> bound, List<(IdpGroupReference Reference, GroupLookup? Failed, string? GroupId)> outcomes)
    {
        var looked = outcomes.Select(o => o.Reference).ToHashSet();
        return [.. bound.Distinct().Where(b => !looked.Contains(b))];
    }

    private static List<GroupLookup> Lookups(IEnumerable<(IdpGroupReference Reference, GroupLookup? Failed, string? GroupId)> outcomes, Dictionary<string, string?> membersProblems) =>
        outcomes.Select(o => o.Failed
            ?? (membersProblems[o.GroupId!] is { } problem
                ? new GroupLookup(o.Reference, GroupLookupOutcome.MembersUnreadable, o.GroupId, problem)
                : new GroupLookup(o.Reference, GroupLookupOutcome.Read, o.GroupId, null))).ToList();

    /// <summary>Looks every reference up, <see cref="GroupReads"/> at a time; found groups go to <paramref name="toRead"/>, in the references' order.</summary>
    private async Task<List<(IdpGroupReference Reference, GroupLookup? Failed, string? GroupId)>> LookUpAllAsync(
        string idpKey, IReadOnlyList<IdpGroupReference> references, Dictionary<string, IdpGroup> groups, Dictionary<string, OktaGroup> toRead, CancellationToken cancellationToken)
    {
        var distinct = references.Distinct().ToList();
        var answers = new (IReadOnlyList<OktaGroup> Matches, string? Problem)[distinct.Count];
        await PacedAsync(distinct.Count, async i => answers[i] = await LookUpAsync(idpKey, distinct[i], cancellationToken));

        var outcomes = new List<(IdpGroupReference, GroupLookup?, string?)>(distinct.Count);
        for (var i = 0; i < distinct.Count; i++)
        {
            var (found, failed) = GroupLookups.Resolve("Okta", distinct[i], answers[i].Problem, answers[i].Matches, g => (g.Id, g.Profile?.Name ?? g.Id), groups);
            if (found is not null)
            {
                toRead.TryAdd(found.Id, found);
            }

            outcomes.Add((distinct[i], failed, found?.Id));
        }

        return outcomes;
    }

    /// <summary>Reads the members of <paramref name="toRead"/>, <see cref="GroupReads"/> groups at a time, into <paramref name="groups"/>; returns each group's problem and every member seen.</summary>
    private async Task<(Dictionary<string, string?> Problems, List<IdpUser> Members)> ReadAllMembersAsync(
        string idpKey, IEnumerable<OktaGroup> toRead, Dictionary<string, IdpGroup> groups, CancellationToken cancellationToken)
    {
        var list = toRead.ToList();
        var read = new (IdpGroup Group, IReadOnlyList<IdpUser> Members, string? Problem)[list.Count];
        await PacedAsync(list.Count, async i => read[i] = await ReadMembersAsync(idpKey, list[i], cancellationToken));

        var problems = new Dictionary<string, string?>(StringComparer.Ordinal);
        var members = new List<IdpUser>();
        foreach (var (group, groupMembers, problem) in read)
        {
            groups[group.Id] = group;
            problems[group.Id] = problem;
            members.AddRange(groupMembers);
        }

        return (problems, members);
    }

    /// <summary>The groups a reference matches (by id: none or one; by name: any number), or why the lookup failed.</summary>
    private async Task<(IReadOnlyList<OktaGroup> Matches, string? Problem)> LookUpAsync(string idpKey, IdpGroupReference reference, CancellationToken cancellationToken)
    {
        IReadOnlyList<OktaGroup> matches = [];
        var problem = await TryAsync(idpKey, $"group {GroupLookups.Describe(reference)}", async () =>
        {
            matches = reference.Id is { Length: > 0 } id
                ? await okta.GetGroupAsync(id, cancellationToken) is { } byId ? [byId] : []
                : await okta.FindGroupsByNameAsync(reference.DisplayName ?? "", cancellationToken);
        });
        return (matches, problem);
    }

    /// <summary>One group's members; a group whose members could not be read is Unknown, with the reason.</summary>
    private async Task<(IdpGroup Group, IReadOnlyList<IdpUser> Members, string? Problem)> ReadMembersAsync(string idpKey, OktaGroup group, CancellationToken cancellationToken)
    {
        var name = group.Profile?.Name ?? group.Id;
        IReadOnlyList<IdpUser> members = [];
        var problem = await TryAsync(idpKey, $"members of group {name}", async () => members = await okta.ListGroupMembersAsync(group.Id, OktaUserMapping.ToIdpUser, cancellationToken));
        return problem is not null
            ? (new IdpGroup(group.Id, name, MembershipState.Unknown, [], null), [], problem)
            : (new IdpGroup(group.Id, name, MembershipState.Known, members.Select(m => m.Id).ToList(), time.GetUtcNow()), members, null);
    }

    /// <summary>Runs <paramref name="read"/> for 0..count-1: <see cref="GroupReads"/> at a time while the groups family's budget is ample, else one by one.</summary>
    private async Task PacedAsync(int count, Func<int, Task> read)
    {
        for (var next = 0; next < count;)
        {
            var batch = okta.GroupsBudget is { Remaining: >= AmpleBudget } ? Math.Min(GroupReads, count - next) : 1;
            await Task.WhenAll(Enumerable.Range(next, batch).Select(read));
            next += batch;
        }
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
