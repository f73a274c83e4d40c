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
}
