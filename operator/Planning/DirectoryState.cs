using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Planning;

/// <summary>
/// One IdP's directory as a snapshot holds it: the directory read, with the users and groups changed since layered
/// over it (copy-on-write: the read is never written, a change makes a new state).
/// </summary>
internal sealed class DirectoryState
{
    private readonly IdpDirectory _source;
    private IReadOnlySet<string>? _userScope;

    private DirectoryState(IdpDirectory source, LayeredMap<string, IdpUser> users, LayeredMap<string, IdpGroup> groups, IReadOnlySet<string>? userScope)
    {
        _source = source;
        Users = users;
        Groups = groups;
        _userScope = userScope;
        Namespace = ResourceKeys.NamespaceOfKey(source.Name);
    }

    public string Name => _source.Name;

    public string Namespace { get; }

    public bool UsersKnown => _source.UsersKnown;

    public bool AssignmentsKnown => _source.AssignmentsKnown;

    public IReadOnlyList<AppAssignment> Assignments => _source.Assignments;

    /// <summary>Users by IdP id; a user deleted in the IdP stays, as <see cref="UserLifecycle.Deleted"/>, once a change says so.</summary>
    public LayeredMap<string, IdpUser> Users { get; }

    public LayeredMap<string, IdpGroup> Groups { get; }

    /// <summary>
    /// Whom a group of this IdP that cannot be read could hold: its users, when they are known (a deleted or never-seen
    /// user cannot be a member); null (anyone) when they are not. Computed once per state, on first use.
    /// </summary>
    public IReadOnlySet<string>? UserScope => !UsersKnown
        ? null
        : LazyInitializer.EnsureInitialized(ref _userScope, () => new HashSet<string>(Users.Values.Select(u => u.Key), StringComparer.Ordinal));

    public static DirectoryState Of(IdpDirectory source) =>
        new(source, LayeredMap<string, IdpUser>.Over(source.Users, StringComparer.Ordinal), LayeredMap<string, IdpGroup>.Over(source.Groups, StringComparer.Ordinal), null);

    /// <summary>This directory with the users, then the groups, set.</summary>
    public DirectoryState With(IReadOnlyList<IdpUser> users, IReadOnlyList<IdpGroup> groups) => new(
        _source,
        users.Count == 0 ? Users : Users.SetItems(users.Select(u => KeyValuePair.Create(u.Id, u))),
        groups.Count == 0 ? Groups : Groups.SetItems(groups.Select(g => KeyValuePair.Create(g.Id, g))),
        users.Count == 0 ? _userScope : null);
}
