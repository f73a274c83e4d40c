using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>
/// Adds and removes finalizers with a merge patch that carries the resourceVersion (a concurrent change gives 409, and the
/// change is re-applied to the latest version). Each call returns whether it changed anything, so nothing is written twice.
/// </summary>
internal sealed class FinalizerWriter(IKubernetes client)
{
    private const int MaxAttempts = 5;

    /// <summary>Adds the finalizer unless present or the object is already being deleted.</summary>
    public Task<bool> AddAsync<T>(T item, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ChangeAsync(item, copy => copy.Metadata.DeletionTimestamp is null && copy.AddFinalizer(finalizer), cancellationToken);

    /// <summary>
    /// Runs <paramref name="cleanup"/>, then removes the finalizer. If cleanup throws, the finalizer stays (the reconcile
    /// is retried with backoff). The removal is a commit step: it is not cancelled once cleanup succeeded.
    /// </summary>
    public async Task<bool> CleanupThenRemoveAsync<T>(T item, string finalizer, Func<CancellationToken, Task> cleanup, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!item.HasFinalizer(finalizer))
        {
            return false;
        }

        await cleanup(cancellationToken).ConfigureAwait(false);
        return await RemoveAsync(item, finalizer).ConfigureAwait(false);
    }

    /// <summary>Removes the finalizer (uncancellable commit step); false when it was absent or the object is gone.</summary>
    public Task<bool> RemoveAsync<T>(T item, string finalizer)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ChangeAsync(item, copy => copy.RemoveFinalizer(finalizer), CancellationToken.None);

    private async Task<bool> ChangeAsync<T>(T item, Func<T, bool> change, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resources = new ResourceClient<T>(client);
        var key = ResourceKey.Of(item);
        for (var attempt = 1; ; attempt++)
        {
            var copy = ObjectCopy.Deep(item);
            if (!change(copy))
            {
                return false;
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = copy.Metadata.ResourceVersion,
                    ["finalizers"] = new JsonArray([.. (copy.Metadata.Finalizers ?? []).Select(f => JsonValue.Create(f))]),
                },
            };
            try
            {
                await resources.MergePatchAsync(key, patch, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
            {
                return false;
            }
            catch (Exception ex) when (KubernetesErrors.IsConflict(ex) && attempt < MaxAttempts)
            {
                try
                {
                    item = await resources.GetAsync(key, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception getError) when (KubernetesErrors.IsNotFound(getError))
                {
                    return false;
                }
            }
        }
    }
}
