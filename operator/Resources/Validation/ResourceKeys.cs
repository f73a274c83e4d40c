using k8s.Models;

namespace Cerby.Operator.Resources.Validation;

/// <summary>namespace/name keys, with manifests that omit the namespace landing in "default" as kubectl does.</summary>
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

    /// <summary>The namespace part of a namespace/name key ("" when the key has none).</summary>
    public static string NamespaceOfKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : key[..slash];
    }
}
