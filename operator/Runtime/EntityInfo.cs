using System.Reflection;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime;

/// <summary>Group, version and plural of a Kubernetes type, read once from its <see cref="KubernetesEntityAttribute"/>.</summary>
internal static class EntityInfo<T>
    where T : IKubernetesObject
{
    private static readonly KubernetesEntityAttribute Entity =
        typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity] attribute");

    public static string Group => Entity.Group;

    public static string Version => Entity.ApiVersion;

    public static string Plural => Entity.PluralName;
}
