using Cerby.Operator.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Controllers;

/// <summary>Filters applied before a change becomes a key.</summary>
internal static class Predicates
{
    /// <summary>
    /// Lets through adds, deletes, resyncs, and updates that changed the spec (generation) or started deletion; drops
    /// updates that touched only status or metadata. The cost: if someone overwrites the status, the controller does not
    /// restore it until the next change or resync.
    /// </summary>
    public static bool GenerationChanged<T>(InformerEvent<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        change is not { Type: InformerEventType.Updated, Previous: { } previous }
        || ReferenceEquals(previous, change.Object)
        || previous.Metadata.Generation != change.Object.Metadata.Generation
        || (previous.Metadata.DeletionTimestamp is null && change.Object.Metadata.DeletionTimestamp is not null);

    /// <summary>
    /// <see cref="GenerationChanged{T}"/>, and also updates that changed annotations: how a person approves held
    /// removals, applies a drift report or asks for a sync without touching the spec.
    /// </summary>
    public static bool GenerationOrAnnotationsChanged<T>(InformerEvent<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        GenerationChanged(change)
        || (change.Previous is { } previous && !SameAnnotations(previous.Metadata.Annotations, change.Object.Metadata.Annotations));

    private static bool SameAnnotations(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b is not null && b.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
