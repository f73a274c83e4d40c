namespace Cerby.KubeApiServer.Resources;

/// <summary>The resource types the server serves: the built-in ones and those registered by CRDs.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock gate = new();
    private readonly List<ResourceType> builtIn = BuiltInResources.All();
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> byCrdName = new(StringComparer.Ordinal);

    /// <summary>Changes whenever a CRD is registered or removed (published as the OpenAPI hash).</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<ResourceType> All()
    {
        lock (gate)
        {
            return [.. builtIn, .. byCrdName.Values.SelectMany(types => types)];
        }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        All().FirstOrDefault(type => type.Group == group && type.Version == version && type.Plural == plural);

    /// <summary>A type whose objects live under this storage key (its versions share them), for garbage collection.</summary>
    public ResourceType? AnyForStorage(string storageKey) => All().FirstOrDefault(type => type.StorageKey == storageKey);

    /// <summary>Publishes (or replaces) the served versions of one CRD.</summary>
    public void SetCrd(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (gate)
        {
            byCrdName[crdName] = types;
            Revision++;
        }
    }

    public void RemoveCrd(string crdName)
    {
        lock (gate)
        {
            byCrdName.Remove(crdName);
            Revision++;
        }
    }

    /// <summary>The API groups with their versions, in registration order (core excluded).</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        All().Where(type => type.Group.Length > 0)
            .GroupBy(type => type.Group)
            .Select(group => (group.Key, (IReadOnlyList<string>)group.Select(type => type.Version).Distinct().ToList()))
            .ToList();
}
