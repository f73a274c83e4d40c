using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime;

/// <summary>namespace/name of an object: all a reconcile request carries (the reconciler re-reads the object).</summary>
internal readonly record struct ResourceKey(string Namespace, string Name)
{
    /// <summary>The key of an object; cluster-scoped objects have an empty namespace.</summary>
    public static ResourceKey Of(IKubernetesObject<V1ObjectMeta> obj) =>
        new(obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name);

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
