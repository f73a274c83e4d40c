using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>A hub role with its rank (0 is the most privileged).</summary>
public sealed record HubRoleModel(string Name, int Rank, string NativeRole, IReadOnlyList<string> AssetTasks);

/// <summary>What the planner needs of a BusinessHub: ranked roles, invite behaviour and policy.</summary>
public sealed class HubModel
{
    private readonly Dictionary<string, HubRoleModel> _byName;
    private readonly Dictionary<string, HubRoleModel> _byNative;
    private readonly Dictionary<HubRoleModel, IReadOnlyList<string>> _tasksInOrder = new(ReferenceEqualityComparer.Instance);

    public HubModel(string name, IEnumerable<HubRoleModel> roles, bool inviteRequired, HubPolicy policy)
    {
        Name = name;
        Roles = [.. roles.OrderBy(r => r.Rank)];
        InviteRequired = inviteRequired;
        Policy = policy;
        _byName = new Dictionary<string, HubRoleModel>(StringComparer.Ordinal);
        _byNative = new Dictionary<string, HubRoleModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in Roles)
        {
            _byName.TryAdd(role.Name, role);
            _byNative.TryAdd(role.NativeRole, role); // several hub roles may share a native role: the highest ranked names it
            _tasksInOrder.TryAdd(role, [.. role.AssetTasks.Order(StringComparer.Ordinal)]);
        }
    }

    /// <summary>The BusinessHub's name.</summary>
    public string Name { get; }

    /// <summary>Roles, most privileged first.</summary>
    public IReadOnlyList<HubRoleModel> Roles { get; }

    /// <summary>New members are invited and stay pending until they accept.</summary>
    public bool InviteRequired { get; }

    /// <summary>Drift, removal mode and guard.</summary>
    public HubPolicy Policy { get; }

    /// <summary>Builds the model from the resource, ranking roles in the order they are declared.</summary>
    public static HubModel From(BusinessHub hub) => new(
        hub.Metadata.Name,
        hub.Spec.Roles.Select((r, i) => new HubRoleModel(r.Name, i, r.NativeRole, r.AssetTasks)),
        hub.Spec.Connector.InviteRequired,
        hub.Spec.Policy);

    /// <summary>The role of that name, or null.</summary>
    public HubRoleModel? Role(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A role's asset tasks in ordinal order, the order plans write them in; computed once per hub model.</summary>
    internal IReadOnlyList<string> TasksInOrder(HubRoleModel role) =>
        _tasksInOrder.TryGetValue(role, out var tasks) ? tasks : [.. role.AssetTasks.Order(StringComparer.Ordinal)];

    /// <summary>The hub role an app-native role corresponds to, or null when the app uses a role the hub does not declare.</summary>
    public HubRoleModel? RoleForNative(string? nativeRole) => nativeRole is null ? null : _byNative.GetValueOrDefault(nativeRole);
}
