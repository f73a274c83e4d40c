using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Controllers.Sharding;

/// <summary>
/// Runs <paramref name="inner"/> only for objects in this shard (<see cref="ShardScope"/>): an object another shard
/// handles is left alone (no status write, no finalizer, no identity read). A key no longer in the cache goes through,
/// so the inner reconciler forgets what it held for it.
/// </summary>
internal sealed class ShardScopedReconciler<T>(IReconciler inner, InformerSet informers, Func<T, bool> contains) : IReconciler
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken) =>
        informers.Get<T>().Cache.Get(key) is { } item && !contains(item)
            ? Task.FromResult(ReconcileResult.Success)
            : inner.ReconcileAsync(key, cancellationToken);
}
