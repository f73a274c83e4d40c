using Cerby.Operator.Planning;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>
/// Recomputes a user's desired access in a hub with one path taken away: a share deleted, an app assignment removed,
/// or the user taken out of an IdP group. The inputs are changed, never the planner: the answer is what the operator
/// would compute after that change.
/// </summary>
internal sealed class WhatIfRemoval(PlanInputs inputs, HubModel hub, string hubKey, string userKey, Entitled before)
{
    private readonly HubModel _hub = hub;

    /// <summary>Without the TeamShare (a team or individual share).</summary>
    public WhatIf WithoutShare(string shareKey) =>
        Outcome(inputs.Declared with { Shares = [.. inputs.Declared.Shares.Where(s => ResourceKeys.Of(s.Metadata) != shareKey)] }, inputs.Identity);

    /// <summary>Without the user's direct assignment (groupName null) or the assignment of the group so named, in the IdP.</summary>
    public WhatIf WithoutAssignment(string idpKey, string? groupName)
    {
        var directory = inputs.Identity.Directories[idpKey];
        var userIds = UserIds(directory);
        var groupIds = directory.Groups.Values.Where(g => g.DisplayName == groupName).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var kept = directory.Assignments.Where(a => groupName is null ? a.UserId is null || !userIds.Contains(a.UserId) : a.GroupId is null || !groupIds.Contains(a.GroupId)).ToList();
        return Outcome(inputs.Declared, With(idpKey, directory with { Assignments = kept }));
    }

    /// <summary>With the user taken out of the IdP group (every path through it goes).</summary>
    public WhatIf WithoutGroupMembership(string idpKey, string groupId)
    {
        var directory = inputs.Identity.Directories[idpKey];
        var userIds = UserIds(directory);
        var groups = directory.Groups.ToDictionary(
            kv => kv.Key,
            kv => kv.Key == groupId ? kv.Value with { MemberIds = [.. kv.Value.MemberIds.Where(id => !userIds.Contains(id))] } : kv.Value,
            StringComparer.Ordinal);
        return Outcome(inputs.Declared, With(idpKey, directory with { Groups = groups }));
    }

    /// <summary>A path whose grant is still given by another way through (the user is in two groups of the same team).</summary>
    public WhatIf Kept(string why) => new("keep", before.Role?.Name, $"keeps {before.Role?.Name}: {why}");

    private HashSet<string> UserIds(IdpDirectory directory) =>
        [.. directory.Users.Values.Where(u => u.Key == userKey).Select(u => u.Id)];

    private IdentitySnapshot With(string idpKey, IdpDirectory directory) =>
        new(inputs.Identity.Directories.ToDictionary(kv => kv.Key, kv => kv.Key == idpKey ? directory : kv.Value, StringComparer.Ordinal));

    private WhatIf Outcome(DeclaredState declared, IdentitySnapshot identity)
    {
        var member = AccessComputation.Of(declared, identity, inputs.Now).Desired(hubKey).Members.GetValueOrDefault(userKey);
        var after = member is null ? Entitled.Nothing : Entitled.Of(_hub, member.Grants);
        if (after.Role is null)
        {
            return new WhatIf("remove", null, "removed from the hub: no other path grants access");
        }

        var via = string.Join("; ", member!.Grants.OrderBy(g => _hub.Role(g.Role)?.Rank ?? int.MaxValue).Select(g => $"{g.Role} via {g.Describe()}"));
        if (before.Role is { } role && after.Role.Rank > role.Rank)
        {
            return new WhatIf("lowerRole", after.Role.Name, $"lower role {role.Name} → {after.Role.Name} ({via})");
        }

        var lost = before.Assets
            .Where(kv => !after.Assets.TryGetValue(kv.Key, out var tasks) || !kv.Value.All(tasks.Contains))
            .Select(kv => after.Assets.TryGetValue(kv.Key, out var left) ? $"{kv.Key} {string.Join('+', kv.Value)} → {string.Join('+', left)}" : $"{kv.Key} {string.Join('+', kv.Value)} revoked")
            .ToList();
        return lost.Count > 0
            ? new WhatIf("narrowAssets", after.Role.Name, $"keeps {after.Role.Name}, assets narrow: {string.Join(", ", lost)} ({via})")
            : new WhatIf("keep", after.Role.Name, $"keeps {after.Role.Name} ({via})");
    }
}
