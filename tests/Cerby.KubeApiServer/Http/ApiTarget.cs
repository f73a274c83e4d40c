using Cerby.KubeApiServer.Resources;

namespace Cerby.KubeApiServer.Http;

/// <summary>
/// The resource a request addresses: <c>/api/v1/…</c> or <c>/apis/{group}/{version}/…</c>, then
/// <c>[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]</c>, or the deprecated watch paths
/// <c>watch/[namespaces/{ns}/]{plural}[/{name}]</c> (a watch, of one object when a name is given).
/// </summary>
internal sealed record ApiTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool IsWatchPath = false)
{
    /// <param name="rest">The path segments after the group and version.</param>
    public static ApiTarget Parse(ResourceRegistry registry, string group, string version, string[] rest)
    {
        if (rest is ["watch", _, ..])
        {
            var watched = Parse(registry, group, version, rest[1..]);
            return watched.Subresource is null ? watched with { IsWatchPath = true } : throw NotFound();
        }

        if (rest.Length >= 3 && rest[0] == "namespaces" && registry.Find(group, version, rest[2]) is { Namespaced: true } namespacedType)
        {
            return Create(namespacedType, rest[1], rest[3..]);
        }

        var type = registry.Find(group, version, rest[0]) ?? throw NotFound();
        return Create(type, null, rest[1..]);
    }

    private static ApiTarget Create(ResourceType type, string? @namespace, string[] rest)
    {
        var subresource = rest.Length > 1 ? rest[1] : null;
        if (rest.Length > 2 || (subresource is not null && !(subresource == "status" && type.HasStatus)))
        {
            throw NotFound();
        }

        return new ApiTarget(type, @namespace, rest.Length > 0 ? rest[0] : null, subresource);
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
