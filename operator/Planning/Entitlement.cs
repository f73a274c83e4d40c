using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>
/// What a desired member is entitled to once all grants are combined: the highest-ranked role, the union of assets
/// with the strongest tasks per asset, and the grants in the order reasons name them (strongest first).
/// </summary>
internal sealed record Entitlement(HubRoleModel Role, IReadOnlyList<Grant> Grants, IReadOnlyDictionary<AssetRef, IReadOnlyList<string>> Assets)
{
    /// <summary>Combines the grants; null when none names a role of the hub (the validator prevents that).</summary>
    public static Entitlement? Of(HubModel hub, DesiredMember member)
    {
        var ranked = member.Grants
            .Select(g => (Grant: g, Role: hub.Role(g.Role)))
            .Where(x => x.Role is not null)
            .OrderBy(x => x.Role!.Rank)
            .ThenBy(x => x.Grant.Origin.ToString(), StringComparer.Ordinal)
            .ToList();
        if (ranked.Count == 0)
        {
            return null;
        }

        var assets = new Dictionary<AssetRef, HubRoleModel>();
        foreach (var (grant, _) in ranked)
        {
            foreach (var asset in grant.Assets)
            {
                var assetRole = hub.Role(asset.Role);
                var key = new AssetRef(asset.Kind, asset.Id);
                if (assetRole is not null && (!assets.TryGetValue(key, out var held) || assetRole.Rank < held.Rank))
                {
                    assets[key] = assetRole;
                }
            }
        }

        return new Entitlement(
            ranked[0].Role!,
            ranked.Select(x => x.Grant).ToList(),
            assets.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.AssetTasks.Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>"Admin via team social-admins (TeamShare default/social); also Editor via individual share (…)".</summary>
    public string Justification()
    {
        var first = $"{Grants[0].Role} via {Grants[0].Describe()}";
        return Grants.Count == 1 ? first : first + "; also " + string.Join("; ", Grants.Skip(1).Select(g => $"{g.Role} via {g.Describe()}"));
    }
}
