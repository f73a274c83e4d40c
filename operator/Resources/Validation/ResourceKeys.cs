using k8s.Models;

namespace Cerby.Operator.Resources.Validation;

/// <summary>
/// namespace/name keys of the namespaced kinds. One rule for a missing namespace, everywhere: an object, a reference or
/// a key without one is in "default", as kubectl puts it. (The runtime's own key keeps "" for cluster-scoped kinds,
/// which the domain has none of.)
/// </summary>
public static class ResourceKeys
{
    /// <summary>The namespace an object without one lives in.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>The object's namespace, or "default".</summary>
    public static string NamespaceOf(V1ObjectMeta meta) =>
        string.IsNullOrEmpty(meta.NamespaceProperty) ? DefaultNamespace : meta.NamespaceProperty;

    /// <summary>namespace/name of the object.</summary>
    public static string Of(V1ObjectMeta meta) => $"{NamespaceOf(meta)}/{meta.Name}";

    /// <summary>namespace/name of an object referenced from another one in the same namespace.</summary>
    public static string Sibling(V1ObjectMeta referrer, string name) => $"{NamespaceOf(referrer)}/{name}";

    /// <summary>The namespace part of a namespace/name key ("default" when the key has none).</summary>
    public static string NamespaceOfKey(string key) => Parse(key).Namespace;

    /// <summary>Splits a namespace/name key; a key without a namespace ("name" or "/name") is in "default".</summary>
    public static (string Namespace, string Name) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? (DefaultNamespace, key[(slash + 1)..]) : (key[..slash], key[(slash + 1)..]);
    }
}
