using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Cerby.Operator.Planning;

/// <summary>
/// The identity side of a snapshot: each IdP's directory, every user record by match key, and who is inactive in each
/// namespace. Immutable: <see cref="With"/> gives the next version and shares everything it did not change.
/// </summary>
internal sealed class IdentityIndex
{
    private static readonly ImmutableDictionary<string, string> NoneInactive = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    private readonly DirectoryState[] _directories; // the same, to go through without an enumerator

    private IdentityIndex(
        IReadOnlyDictionary<string, DirectoryState> directories,
        LayeredMap<string, IReadOnlyList<IdpUser>> usersByKey,
        IReadOnlyDictionary<string, ImmutableDictionary<string, string>> inactiveByNamespace)
    {
        Directories = directories;
        _directories = [.. directories.Values];
        UsersByKey = usersByKey;
        InactiveByNamespace = inactiveByNamespace;
    }

    /// <summary>Directories by IdentityProvider key.</summary>
    public IReadOnlyDictionary<string, DirectoryState> Directories { get; }

    /// <summary>Every record of a user, in any IdP, by match key.</summary>
    public LayeredMap<string, IReadOnlyList<IdpUser>> UsersByKey { get; }

    private IReadOnlyDictionary<string, ImmutableDictionary<string, string>> InactiveByNamespace { get; }

    public static IdentityIndex Build(IdentitySnapshot identity)
    {
        var directories = identity.Directories.ToDictionary(kv => kv.Key, kv => DirectoryState.Of(kv.Value), StringComparer.Ordinal);
        var byKey = new Dictionary<string, IReadOnlyList<IdpUser>>(directories.Values.Sum(d => d.Users.Count), StringComparer.Ordinal);
        foreach (var directory in directories.Values)
        {
            foreach (var user in directory.Users.Values)
            {
                // Arrays: almost every key has one record, and an array of one is the smallest list of it.
                ref var records = ref CollectionsMarshal.GetValueRefOrAddDefault(byKey, user.Key, out var exists);
                records = exists ? [.. records!, user] : new[] { user };
            }
        }

        var usersByKey = LayeredMap<string, IReadOnlyList<IdpUser>>.Over(byKey, StringComparer.Ordinal);
        var index = new IdentityIndex(directories, usersByKey, new Dictionary<string, ImmutableDictionary<string, string>>(StringComparer.Ordinal));
        return index.WithInactive(byKey.Keys, known: false);
    }

    /// <summary>
    /// A namespace's inactive users, by key, with the reason. A user is inactive in a namespace when an IdentityProvider
    /// of that namespace knows them and no record of theirs there is active. Judged per namespace: a deactivation in
    /// another team's IdP neither removes nor protects anyone here (inactive users are removed even while membership is
    /// uncertain, so a cross-namespace judgement would let one tenant take access away in another's hubs).
    /// </summary>
    public IReadOnlyDictionary<string, string> InactiveIn(string ns) => InactiveByNamespace.GetValueOrDefault(ns) ?? NoneInactive;

    /// <summary>The directory of an IdP, or one that could not be read when it is not known.</summary>
    public DirectoryState Directory(string idpKey) =>
        Directories.GetValueOrDefault(idpKey) ?? DirectoryState.Of(IdpDirectory.Unreadable(idpKey));

    /// <summary>The next version: the change's users, then its groups, set in its IdP's directory.</summary>
    public IdentityIndex With(IdentityChange change)
    {
        if (change.Users.Count == 0 && change.Groups.Count == 0)
        {
            return this;
        }

        var before = Directory(change.IdpKey);
        var directories = new Dictionary<string, DirectoryState>(Directories, StringComparer.Ordinal)
        {
            [change.IdpKey] = before.With(change.Users, change.Groups),
        };
        if (change.Users.Count == 0)
        {
            return new IdentityIndex(directories, UsersByKey, InactiveByNamespace);
        }

        // Each record replaces the previous one of the same id (under its old key, when the email changed).
        var lists = new Dictionary<string, List<IdpUser>>(StringComparer.Ordinal);
        List<IdpUser> ListOf(string key)
        {
            if (!lists.TryGetValue(key, out var list))
            {
                lists[key] = list = [.. UsersByKey.GetValueOrDefault(key) ?? []];
            }

            return list;
        }

        var current = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        foreach (var user in change.Users)
        {
            if (current.TryGetValue(user.Id, out var previous) || before.Users.TryGetValue(user.Id, out previous))
            {
                ListOf(previous.Key).Remove(previous);
            }

            ListOf(user.Key).Add(user);
            current[user.Id] = user;
        }

        var usersByKey = UsersByKey.SetItems(lists.Select(kv => KeyValuePair.Create(kv.Key, (IReadOnlyList<IdpUser>)kv.Value.ToArray())));
        return new IdentityIndex(directories, usersByKey, InactiveByNamespace).WithInactive(lists.Keys, known: true);
    }

    /// <param name="known">Whether the keys may already be judged (false when building: nothing is, so nothing is forgotten).</param>
    private IdentityIndex WithInactive(IEnumerable<string> keys, bool known)
    {
        var builders = new Dictionary<string, ImmutableDictionary<string, string>.Builder>(StringComparer.Ordinal);
        ImmutableDictionary<string, string>.Builder BuilderOf(string ns)
        {
            if (!builders.TryGetValue(ns, out var builder))
            {
                builders[ns] = builder = (InactiveByNamespace.GetValueOrDefault(ns) ?? NoneInactive).ToBuilder();
            }

            return builder;
        }

        foreach (var key in keys)
        {
            if (known)
            {
                Forget(key, builders, BuilderOf);
            }

            var records = UsersByKey.GetValueOrDefault(key) ?? [];
            if (records.Count == 1)
            {
                // Almost every key: one record, inactive in its namespace when it is not active.
                if (records[0].Lifecycle != UserLifecycle.Active && NamespaceOf(records[0]) is { Length: > 0 } ns)
                {
                    BuilderOf(ns)[key] = InactiveReason(records[0]);
                }

                continue;
            }

            foreach (var inNamespace in records.GroupBy(NamespaceOf, StringComparer.Ordinal))
            {
                if (inNamespace.Key.Length > 0 && inNamespace.All(u => u.Lifecycle != UserLifecycle.Active))
                {
                    BuilderOf(inNamespace.Key)[key] = InactiveReason(inNamespace.First());
                }
            }
        }

        if (builders.Count == 0)
        {
            return this;
        }

        var inactive = new Dictionary<string, ImmutableDictionary<string, string>>(InactiveByNamespace, StringComparer.Ordinal);
        foreach (var (ns, builder) in builders)
        {
            inactive[ns] = builder.ToImmutable();
        }

        return new IdentityIndex(Directories, UsersByKey, inactive);
    }

    /// <summary>Takes the key out of every namespace's inactive users, to be judged again.</summary>
    private void Forget(string key, Dictionary<string, ImmutableDictionary<string, string>.Builder> builders, Func<string, ImmutableDictionary<string, string>.Builder> builderOf)
    {
        foreach (var ns in InactiveByNamespace.Where(kv => kv.Value.ContainsKey(key)).Select(kv => kv.Key).ToList())
        {
            builderOf(ns);
        }

        foreach (var builder in builders.Values)
        {
            builder.Remove(key);
        }
    }

    private static string InactiveReason(IdpUser user) => $"{user.Email} is {user.Lifecycle.ToString().ToLowerInvariant()} in the IdP, so no share applies";

    /// <summary>The namespace of the IdentityProvider whose directory holds this very record ("" when none does).</summary>
    private string NamespaceOf(IdpUser user)
    {
        foreach (var directory in _directories)
        {
            if (directory.Users.TryGetValue(user.Id, out var same) && ReferenceEquals(same, user))
            {
                return directory.Namespace;
            }
        }

        return "";
    }
}
