using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>The few typed calls on one custom resource kind that the runtime's writers need.</summary>
internal sealed class ResourceClient<T>(IKubernetes client)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public async Task<T> GetAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(
            EntityInfo<T>.Group, EntityInfo<T>.Version, key.Namespace, EntityInfo<T>.Plural, key.Name,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>PUT on /status: carries metadata.resourceVersion, so a concurrent change gives 409 Conflict.</summary>
    public async Task<T> ReplaceStatusAsync(T item, CancellationToken cancellationToken)
    {
        var key = ResourceKey.Of(item);
        using var response = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(
            item, EntityInfo<T>.Group, EntityInfo<T>.Version, key.Namespace, EntityInfo<T>.Plural, key.Name,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>JSON merge patch on the object.</summary>
    public async Task<T> MergePatchAsync(ResourceKey key, object patch, CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<T>(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), EntityInfo<T>.Group, EntityInfo<T>.Version, key.Namespace,
            EntityInfo<T>.Plural, key.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }
}
