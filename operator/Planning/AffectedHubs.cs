namespace Cerby.Operator.Planning;

/// <summary>
/// Which hubs an identity change may change the desired access of, so that only those are planned again. A pure
/// function of the declared index, the identity the change applies to, and the change: nothing is updated to learn it.
/// </summary>
public static class AffectedHubs
{
    /// <summary>The hubs to plan again after <paramref name="change"/>, applied to <paramref name="model"/>.</summary>
    public static IReadOnlyCollection<string> Of(AccessModel model, IdentityChange change) => Of(model.Declared, model.Identity, change);

    internal static HashSet<string> Of(DeclaredIndex declared, IdentityIndex identity, IdentityChange change) =>
        Of(declared, identity, change, Teams(declared, identity, change));

    /// <summary>The hubs to plan again, given the teams the change may re-resolve (<see cref="Teams"/>).</summary>
    internal static HashSet<string> Of(DeclaredIndex declared, IdentityIndex identity, IdentityChange change, HashSet<string> teams)
    {
        var hubs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var team in teams)
        {
            hubs.UnionWith(declared.HubsUsingTeam(team));
        }

        var directory = identity.Directory(change.IdpKey);
        foreach (var user in change.Users)
        {
            directory.Users.TryGetValue(user.Id, out var previous);
            foreach (var subject in new[] { user.Id, user.Key, previous?.Key })
            {
                hubs.UnionWith(subject is null ? [] : declared.HubsOfUserSubject(subject));
            }
        }

        if (change.Users.Count > 0 || change.AssignmentsChanged)
        {
            hubs.UnionWith(declared.HubsOfIntegration(change.IdpKey));
        }

        return hubs;
    }

    /// <summary>
    /// The teams whose members may change: those bound to a changed group, and those bound to a group holding a changed
    /// user (before or after the change).
    /// </summary>
    internal static HashSet<string> Teams(DeclaredIndex declared, IdentityIndex identity, IdentityChange change)
    {
        var teams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in change.Groups)
        {
            teams.UnionWith(declared.TeamsFedBy(change.IdpKey, group));
        }

        if (change.Users.Count > 0)
        {
            var ids = change.Users.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var group in identity.Directory(change.IdpKey).Groups.Values.Concat(change.Groups))
            {
                if (group.MemberIds.Any(ids.Contains))
                {
                    teams.UnionWith(declared.TeamsFedBy(change.IdpKey, group));
                }
            }
        }

        return teams;
    }
}
