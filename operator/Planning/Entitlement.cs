
namespace Cerby.Operator.Planning;

/// <summary>
/// What a desired member is entitled to once all grants are combined: the highest-ranked role, the union of assets
/// with the strongest tasks per asset, and the grants in the order reasons name them (strongest first).
/// </summary>
internal sealed class Entitlement(HubRoleModel role, IReadOnlyList<Grant> grants, Dictionary<AssetRef, IReadOnlyList<string>> assets)
{
    private static readonly Dictionary<AssetRef, IReadOnlyList<string>> NoAssets = [];
    private readonly Dictionary<AssetRef, IReadOnlyList<string>> _assets = assets;
    private string? _justification;

    /// <summary>The highest-ranked role the grants give.</summary>
    public HubRoleModel Role { get; } = role;

    /// <summary>The grants that name a role of the hub, strongest first.</summary>
    public IReadOnlyList<Grant> Grants { get; } = grants;

    /// <summary>Each asset shared, with the native tasks of the strongest role any grant gives it (ordinal order).</summary>
    public IReadOnlyDictionary<AssetRef, IReadOnlyList<string>> Assets { get; } = assets;

    /// <summary>Combines the grants; null when none names a role of the hub (the validator prevents that).</summary>
    public static Entitlement? Of(HubModel hub, DesiredMember member)
    {
        var grants = member.Grants;
        if (grants.Count == 1)
        {
            // Most members hold one grant: nothing to rank, and its list is already the one reasons name.
            return hub.Role(grants[0].Role) is { } only ? new Entitlement(only, grants, AssetsOf(hub, grants)) : null;
        }

        var ranked = Ranked(hub, grants);
        return ranked.Count == 0 ? null : new Entitlement(hub.Role(ranked[0].Role)!, ranked, AssetsOf(hub, ranked));
    }

    /// <summary>
    /// Whether a member who holds a seat with these assets and no mapped attributes already has what the grants entitle
    /// them to: the role's native role, and exactly the entitled assets, each with its tasks.
    /// </summary>
    public bool HeldBy(ActualMember present)
    {
        if (present.State != MemberState.Active || present.Assets.Count != Assets.Count || !string.Equals(present.NativeRole, Role.NativeRole, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // As many assets as entitled, each entitled one present with its tasks: then none is missing, extra or twice.
        foreach (var (asset, tasks) in _assets)
        {
            if (!Holds(present.Assets, asset, tasks))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"Admin via team social-admins (TeamShare default/social); also Editor via individual share (…)", built once.</summary>
    public string Justification() => _justification ??= Justify();

    private string Justify()
    {
        var first = $"{Grants[0].Role} via {Grants[0].Describe()}";
        return Grants.Count == 1 ? first : first + "; also " + string.Join("; ", Grants.Skip(1).Select(g => $"{g.Role} via {g.Describe()}"));
    }

    /// <summary>Whether the app asset is there with exactly these tasks, in any order (the tasks given are in ordinal order).</summary>
    private static bool Holds(IReadOnlyList<AppAsset> held, AssetRef asset, IReadOnlyList<string> tasks)
    {
        for (var i = 0; i < held.Count; i++)
        {
            var candidate = held[i];
            if (candidate.Kind == asset.Kind && string.Equals(candidate.Id, asset.Id, StringComparison.Ordinal))
            {
                return SameTasks(candidate.Tasks, tasks);
            }
        }

        return false;
    }

    /// <summary>Whether the app's tasks, put in ordinal order, are these (what a plan compares them by).</summary>
    internal static bool SameTasks(IReadOnlyList<string> current, IReadOnlyList<string> inOrder)
    {
        if (current.Count != inOrder.Count)
        {
            return false;
        }

        for (var i = 1; i < current.Count; i++)
        {
            if (string.CompareOrdinal(current[i - 1], current[i]) > 0)
            {
                return current.Order(StringComparer.Ordinal).SequenceEqual(inOrder, StringComparer.Ordinal); // not in order: sort them
            }
        }

        for (var i = 0; i < current.Count; i++)
        {
            if (!string.Equals(current[i], inOrder[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The grants that name a role of the hub, by rank, then by origin as printed (ordinal); stable otherwise.</summary>
    private static List<Grant> Ranked(HubModel hub, IReadOnlyList<Grant> grants)
    {
        var ranked = new List<Grant>(grants.Count);
        var ranks = new List<int>(grants.Count);
        for (var i = 0; i < grants.Count; i++)
        {
            var grant = grants[i];
            if (hub.Role(grant.Role) is not { } role)
            {
                continue;
            }

            // Insertion sort: few grants, and it keeps equal ones in their order, as a stable sort must.
            var at = ranked.Count;
            while (at > 0 && (ranks[at - 1] > role.Rank || (ranks[at - 1] == role.Rank && GrantOrigin.CompareAsPrinted(ranked[at - 1].Origin, grant.Origin) > 0)))
            {
                at--;
            }

            ranked.Insert(at, grant);
            ranks.Insert(at, role.Rank);
        }

        return ranked;
    }

    /// <summary>Each asset the ranked grants share, with the tasks of the strongest role any of them gives it, in order of first mention.</summary>
    private static Dictionary<AssetRef, IReadOnlyList<string>> AssetsOf(HubModel hub, IReadOnlyList<Grant> ranked)
    {
        Dictionary<AssetRef, HubRoleModel>? assets = null;
        for (var i = 0; i < ranked.Count; i++)
        {
            var shared = ranked[i].Assets;
            for (var j = 0; j < shared.Count; j++)
            {
                var asset = shared[j];
                var assetRole = hub.Role(asset.Role);
                if (assetRole is null)
                {
                    continue;
                }

                assets ??= [];
                var key = new AssetRef(asset.Kind, asset.Id);
                if (!assets.TryGetValue(key, out var held) || assetRole.Rank < held.Rank)
                {
                    assets[key] = assetRole;
                }
            }
        }

        if (assets is null)
        {
            return NoAssets;
        }

        var tasks = new Dictionary<AssetRef, IReadOnlyList<string>>(assets.Count);
        foreach (var (asset, role) in assets)
        {
            tasks[asset] = hub.TasksInOrder(role);
        }

        return tasks;
    }
}
