using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>
/// The users each share of a hub grants, computed once per hub sync from the hub's desired access (one pass over its
/// members) and handed to the shares' status, instead of every share reconcile recomputing the whole hub. Pure.
/// </summary>
internal static class ShareGrants
{
    /// <summary>Share key ("namespace/name") → the keys of the users it grants, in the desired access' member order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Of(DesiredAccess desired)
    {
        var byShare = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var member in desired.Members.Values)
        {
            foreach (var origin in member.Grants.Select(g => g.Origin).Where(o => o.Kind == GrantOriginKind.TeamShare).Distinct())
            {
                if (!byShare.TryGetValue(origin.Key, out var users))
                {
                    byShare[origin.Key] = users = [];
                }

                users.Add(member.Key);
            }
        }

        return byShare.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>The shares among <paramref name="shares"/> whose status shows another count than <paramref name="granted"/> gives them.</summary>
    public static IReadOnlyList<ResourceKey> Changed(IEnumerable<TeamShare> shares, IReadOnlyDictionary<string, IReadOnlyList<string>> granted) =>
        [.. shares.Where(s => (s.Status?.GrantedUsers ?? 0) != (granted.TryGetValue(ResourceKeys.Of(s.Metadata), out var users) ? users.Count : 0))
            .Select(ResourceKey.Of)];
}
