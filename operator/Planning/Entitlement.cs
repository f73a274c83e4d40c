
namespace Cerby.Operator.Planning;

/// <summary>
/// What a desired member is entitled to once all grants are combined: the highest-ranked role, the union of assets
/// with the strongest tasks per asset, and the grants in the order reasons name them (strongest first).
/// </summary>
internal sealed class Entitlement(HubRoleModel role, IReadOnlyList<Grant> grants, IReadOnlyDictionary<AssetRef, IReadOnlyList<string>> assets)
{
    private static readonly IReadOnlyDictionary<AssetRef, IReadOnlyList<string>> NoAssets = new Dictionary<AssetRef, IReadOnlyList<string>>();
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
    /// Whether a member who holds a seat with that native role, no assets and no mapped attributes is already what the
    /// grants entitle them to, decided without combining the grants: most members are, so a plan builds nothing for them.
    /// Answers false when it cannot tell cheaply (a grant shares assets); the caller then combines the grants.
    /// </summary>
    public static bool PlainlyHeld(HubModel hub, DesiredMember member, string? nativeRole)
    {
        HubRoleModel? top = null;
        foreach (var grant in member.Grants)
        {
            if (hub.Role(grant.Role) is not { } role)
            {
                continue;
            }

            if (grant.Assets.Count > 0)
            {
                return false;
            }

            if (top is null || role.Rank < top.Rank)
            {
                top = role;
            }
            else if (role.Rank == top.Rank && !ReferenceEquals(role, top))
            {
                return false; // two roles of one rank: which one wins depends on the grants' order, so combine them
            }
        }

        return top is not null && string.Equals(nativeRole, top.NativeRole, StringComparison.OrdinalIgnoreCase);
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
        foreach (var (asset, tasks) in Assets)
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
        foreach (var candidate in held)
        {
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
        foreach (var grant in grants)
        {
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
    private static IReadOnlyDictionary<AssetRef, IReadOnlyList<string>> AssetsOf(HubModel hub, IReadOnlyList<Grant> ranked)
    {
        Dictionary<AssetRef, HubRoleModel>? assets = null;
        foreach (var grant in ranked)
        {
            foreach (var asset in grant.Assets)
            {
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
