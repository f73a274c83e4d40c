using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// A store snapshot as the planner's directory. A group's membership is Known only when every member it lists is a
/// user the IdP pushed (after a restart a re-pushed group may name users not re-pushed yet: those would otherwise look
/// deleted); a bound group the IdP has not pushed is never empty: by id it is in the directory as Unknown, by name the
/// lookup says it has not been pushed yet (and the team stays unknown).
/// </summary>
internal static class ScimDirectory
{
    /// <summary>What the users problem of a store nothing was pushed to says (the status tells it from a failure).</summary>
    public const string NothingPushed = "has pushed nothing over SCIM";

    /// <param name="durable">Whether the store is kept durably (then empty means nothing was ever pushed, not "since the start").</param>
    public static IdentityRead Read(string idpKey, ScimStoreSnapshot snapshot, IReadOnlyList<IdpGroupReference> boundGroups, DateTimeOffset now, bool durable = false)
    {
        var userIds = UserIds(snapshot);
        var users = snapshot.Users.Select(ScimIdentityMapping.ToIdpUser).ToDictionary(u => u.Id, StringComparer.Ordinal);
        var groups = new Dictionary<string, IdpGroup>(StringComparer.Ordinal);
        var problems = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var resource in snapshot.Groups.Where(g => !g.Deleted))
        {
            var (group, problem) = ToIdpGroup(resource, userIds, now);
            groups[group.Id] = group;
            problems[group.Id] = problem;
        }

        var externalIds = snapshot.Groups.Where(g => !g.Deleted && ScimIdentityMapping.DirectoryId(g) != g.Id).ToDictionary(g => g.Id, ScimIdentityMapping.DirectoryId, StringComparer.Ordinal);
        var lookups = boundGroups.Distinct().Select(reference => LookUp(idpKey, reference, groups, problems, externalIds)).ToList();
        var usersProblem = snapshot.Version != 0 ? null
            : durable ? $"IdentityProvider {idpKey} {NothingPushed} yet"
            : $"IdentityProvider {idpKey} {NothingPushed} since the operator started";
        var directory = new IdpDirectory(idpKey, usersProblem is null, users, groups, true, []);
        return new IdentityRead(directory, lookups, usersProblem, null);
    }

    /// <summary>
    /// The users and groups changed after <paramref name="seenVersion"/>, and the groups whose membership may now be
    /// Known because a member they list was pushed. A deleted group the caller holds comes back Unknown (its members are
    /// not removed; the next full read drops it).
    /// </summary>
    public static IdentityUpdate Changes(ScimStoreSnapshot snapshot, long seenVersion, IdpDirectory current, DateTimeOffset now)
    {
        var userIds = UserIds(snapshot);
        var users = snapshot.Users.Where(u => u.Version > seenVersion).ToList();
        var changedUserIds = users.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var groups = new List<IdpGroup>();
        foreach (var resource in snapshot.Groups)
        {
            if (resource.Deleted)
            {
                var id = ScimIdentityMapping.DirectoryId(resource);
                if (resource.Version > seenVersion && current.Groups.ContainsKey(id))
                {
                    groups.Add(new IdpGroup(id, resource.String("displayName") ?? id, MembershipState.Unknown, [], null));
                }
            }
            else if (resource.Version > seenVersion || ScimIdentityMapping.MemberIds(resource).Any(changedUserIds.Contains))
            {
                groups.Add(ToIdpGroup(resource, userIds, now).Group);
            }
        }

        return new IdentityUpdate(groups, users.Select(ScimIdentityMapping.ToIdpUser).ToList(), null);
    }

    private static (IdpGroup Group, string? Problem) ToIdpGroup(ScimStoredResource resource, HashSet<string> userIds, DateTimeOffset now)
    {
        var id = ScimIdentityMapping.DirectoryId(resource);
        var name = resource.String("displayName") ?? id;
        var members = ScimIdentityMapping.MemberIds(resource);
        var missing = members.Count(m => !userIds.Contains(m));
        return missing == 0
            ? (new IdpGroup(id, name, MembershipState.Known, members, now), null)
            : (new IdpGroup(id, name, MembershipState.Unknown, members, null), $"group \"{name}\" lists {missing} member(s) the IdP has not pushed as users yet");
    }

    /// <param name="externalIds">SCIM id → externalId of groups known in the directory by their externalId.</param>
    private static GroupLookup LookUp(string idpKey, IdpGroupReference reference, Dictionary<string, IdpGroup> groups, Dictionary<string, string?> problems, Dictionary<string, string> externalIds)
    {
        if (reference.Id is { Length: > 0 } id)
        {
            if (groups.ContainsKey(id))
            {
                return Found(reference, id, problems);
            }

            groups[id] = new IdpGroup(id, id, MembershipState.Unknown, [], null);
            var problem = externalIds.TryGetValue(id, out var external)
                ? $"group {id} was pushed with externalId {external}, its id in the IdP: bind by that id"
                : $"group {id} has not been pushed yet to the SCIM endpoint of IdentityProvider {idpKey}";
            return new GroupLookup(reference, GroupLookupOutcome.NotFound, null, problem);
        }

        var matches = groups.Values.Where(g => string.Equals(g.DisplayName, reference.DisplayName, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            0 => new GroupLookup(reference, GroupLookupOutcome.NotFound, null, $"group \"{reference.DisplayName}\" has not been pushed yet to the SCIM endpoint of IdentityProvider {idpKey}"),
            1 => Found(reference, matches[0].Id, problems),
            _ => new GroupLookup(reference, GroupLookupOutcome.Ambiguous, null,
                $"{matches.Count} pushed groups are named \"{reference.DisplayName}\" ({string.Join(", ", matches.Select(m => m.Id))}); bind by id"),
        };
    }

    private static GroupLookup Found(IdpGroupReference reference, string id, Dictionary<string, string?> problems) =>
        problems.GetValueOrDefault(id) is { } problem
            ? new GroupLookup(reference, GroupLookupOutcome.MembersUnreadable, id, problem)
            : new GroupLookup(reference, GroupLookupOutcome.Read, id, null);

    private static HashSet<string> UserIds(ScimStoreSnapshot snapshot) => snapshot.Users.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
}
