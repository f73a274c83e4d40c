using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Cli;

/// <summary>
/// What a set of grants adds up to in a hub, as the planner combines them: the highest-ranked role, and per asset the
/// tasks of the strongest role that names it.
/// </summary>
/// <param name="Role">The winning hub role; null when the grants name no role of the hub (or there are none).</param>
/// <param name="Assets">Asset ("kind/id") → its tasks, sorted.</param>
internal sealed record Entitled(HubRoleModel? Role, IReadOnlyDictionary<string, IReadOnlyList<string>> Assets)
{
    public static readonly Entitled Nothing = new(null, new Dictionary<string, IReadOnlyList<string>>());

    public static Entitled Of(HubModel hub, IEnumerable<Grant> grants)
    {
        var list = grants.ToList();
        var role = list.Select(g => hub.Role(g.Role)).OfType<HubRoleModel>().MinBy(r => r.Rank);
        var assets = new Dictionary<string, HubRoleModel>(StringComparer.Ordinal);
        foreach (var asset in list.SelectMany(g => g.Assets))
        {
            var key = new AssetRef(asset.Kind, asset.Id).ToString();
            if (hub.Role(asset.Role) is { } assetRole && (!assets.TryGetValue(key, out var held) || assetRole.Rank < held.Rank))
            {
                assets[key] = assetRole;
            }
        }

        return new Entitled(role, assets.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value.AssetTasks.Order(StringComparer.Ordinal)], StringComparer.Ordinal));
    }

    /// <summary>"page/1 ADVERTISE+ANALYZE, adAccount/act_2 ANALYZE", or "none".</summary>
    public string AssetText => Assets.Count == 0 ? "none" : string.Join(", ", Assets.Select(kv => $"{kv.Key} {string.Join('+', kv.Value)}"));
}
