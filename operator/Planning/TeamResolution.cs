using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Planning;

/// <summary>
/// Resolves a team to its members through the IdP groups bound to it, and says how far they can be trusted: a group
/// that cannot be read makes the team Unknown (never empty), one read too long ago makes it Stale. Pure.
/// </summary>
internal static class TeamResolution
{
    /// <summary>The team's members and state; a team without bindings is Unknown.</summary>
    public static TeamView Resolve(DeclaredIndex declared, IdentityIndex identity, DateTimeOffset now, string team)
    {
        var bindings = declared.BindingsOf(team);
        if (bindings.Count == 0)
        {
            return Unbound(team);
        }

        var groups = new (DirectoryState? Directory, IdpGroup? Group, string Problem)[bindings.Count];
        var size = 0;
        for (var i = 0; i < bindings.Count; i++)
        {
            groups[i] = ResolveGroup(identity, bindings[i]);
            size += groups[i].Group?.MemberIds.Count ?? 0;
        }

        var members = new List<IdpUser>(size);
        List<Unknown>? unknowns = null;
        var state = MembershipState.Known;
        for (var i = 0; i < bindings.Count; i++)
        {
            var binding = bindings[i].Binding;
            var (directory, group, problem) = groups[i];
            if (group is null || directory is null)
            {
                state = MembershipState.Unknown;
                (unknowns ??= []).Add(new Unknown(UnknownKind.Membership, $"membership of team {binding.Spec.Team} is unknown: {problem} (IdpGroupBinding {bindings[i].Key})", ScopeOf(declared, directory)));
                continue;
            }

            var groupState = EffectiveState(declared, directory, group, now);
            if (groupState == MembershipState.Unknown)
            {
                state = MembershipState.Unknown;
                (unknowns ??= []).Add(new Unknown(UnknownKind.Membership, $"membership of team {binding.Spec.Team} is unknown: group {group.DisplayName} has not been read completely (IdpGroupBinding {bindings[i].Key})", ScopeOf(declared, directory)));
                continue;
            }

            if (groupState == MembershipState.Stale)
            {
                state = state == MembershipState.Unknown ? state : MembershipState.Stale;
                (unknowns ??= []).Add(new Unknown(UnknownKind.Stale, $"membership of team {binding.Spec.Team} is stale: group {group.DisplayName} last read {group.KnownAt:u} (IdpGroupBinding {bindings[i].Key})", ScopeOf(declared, directory)));
            }

            foreach (var id in group.MemberIds)
            {
                if (directory.Users.TryGetValue(id, out var user))
                {
                    members.Add(user);
                }
                else if (!directory.UsersKnown)
                {
                    state = MembershipState.Unknown;
                    (unknowns ??= []).Add(new Unknown(UnknownKind.Membership, $"membership of team {binding.Spec.Team} is unknown: users of IdentityProvider {directory.Name} could not be read (IdpGroupBinding {bindings[i].Key})", null));
                    break;
                }

                // A member id the directory does not hold is a user deleted in the IdP: no grant.
            }
        }

        return new TeamView(team, members, state, unknowns ?? (IReadOnlyList<Unknown>)[]);
    }

    /// <summary>A team no IdpGroupBinding feeds: its membership is unknown.</summary>
    public static TeamView Unbound(string team) =>
        new(team, [], MembershipState.Unknown, [new Unknown(UnknownKind.Membership, $"team {team} has no IdpGroupBinding, so its membership is unknown", null)]);

    /// <summary>
    /// Whom an unknown or stale group of this IdP could hold: its users, when the IdP's directory is read whole (Okta,
    /// Entra) and was read; anyone (null) for a push IdP (scim: a user not pushed yet may be in a group not pushed yet),
    /// an IdP whose users could not be read, or one not declared.
    /// </summary>
    public static IReadOnlySet<string>? ScopeOf(DeclaredIndex declared, DirectoryState? directory) =>
        directory is not null && declared.Idp(directory.Name) is { } idp && idp.Spec.Type != IdentityProviderType.Scim ? directory.UserScope : null;

    /// <summary>A group's state at <paramref name="now"/>: Known turns Stale after the IdP's stale-after window.</summary>
    public static MembershipState EffectiveState(DeclaredIndex declared, DirectoryState directory, IdpGroup group, DateTimeOffset now)
    {
        if (group.State != MembershipState.Known)
        {
            return group.State;
        }

        var staleAfter = declared.StaleAfter(directory.Name);
        return group.KnownAt is { } at && now - at > staleAfter ? MembershipState.Stale : MembershipState.Known;
    }

    private static (DirectoryState? Directory, IdpGroup? Group, string Problem) ResolveGroup(IdentityIndex identity, TeamBinding bound)
    {
        var (binding, idpKey) = (bound.Binding, bound.IdpKey);
        if (!identity.Directories.TryGetValue(idpKey, out var directory))
        {
            return (null, null, $"IdentityProvider {idpKey} has not been read");
        }

        var spec = binding.Spec.Group;
        if (spec.Id is { Length: > 0 } id)
        {
            return directory.Groups.TryGetValue(id, out var byId)
                ? (directory, byId, "")
                : (directory, null, $"group {id} was not found in IdentityProvider {idpKey}");
        }

        var matches = directory.Groups.Values.Where(g => string.Equals(g.DisplayName, spec.DisplayName, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            1 => (directory, matches[0], ""),
            0 => (directory, null, $"no group named \"{spec.DisplayName}\" in IdentityProvider {idpKey}"),
            _ => (directory, null, $"several groups are named \"{spec.DisplayName}\" in IdentityProvider {idpKey}; bind by id"),
        };
    }
}
