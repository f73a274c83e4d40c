using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Informers;

/// <summary>
/// Lists (in pages) and watches a custom resource kind through the CustomObjects API; with a
/// <paramref name="labelSelector"/>, only the objects whose labels match it (an object relabelled out of it is seen as deleted).
/// </summary>
internal sealed class CustomResourceListWatch<T>(IKubernetes client, string? @namespace, TimeSpan watchTimeout, string? labelSelector = null) : IListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const int PageSize = 500;

    public string? Namespace => @namespace;

    public async Task<ListSnapshot<T>> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? resourceVersion = null;
        string? continueToken = null;
        do
        {
            var page = @namespace is null
                ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ResourceList<T>>(
                    EntityInfo<T>.Group, EntityInfo<T>.Version, EntityInfo<T>.Plural,
                    continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ResourceList<T>>(
                    EntityInfo<T>.Group, EntityInfo<T>.Version, @namespace, EntityInfo<T>.Plural,
                    continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
            using (page)
            {
                items.AddRange(page.Body.Items);
                resourceVersion ??= page.Body.Metadata.ResourceVersion;
                continueToken = page.Body.Metadata.ContinueProperty;
            }
        }
        while (!string.IsNullOrEmpty(continueToken));

        return new ListSnapshot<T>(items, resourceVersion ?? "");
    }

    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken)
    {
        var timeoutSeconds = (int)watchTimeout.TotalSeconds;
        var response = @namespace is null
            ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<T>(
                EntityInfo<T>.Group, EntityInfo<T>.Version, EntityInfo<T>.Plural, watch: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
                allowWatchBookmarks: true, timeoutSeconds: timeoutSeconds, cancellationToken: cancellationToken)
            : client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<T>(
                EntityInfo<T>.Group, EntityInfo<T>.Version, @namespace, EntityInfo<T>.Plural, watch: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
                allowWatchBookmarks: true, timeoutSeconds: timeoutSeconds, cancellationToken: cancellationToken);

        // The typed watch over a response task is marked obsolete without a typed replacement for custom objects
        // (the generated WatchList…CustomObjectAsync yields untyped objects); GenericClient uses it the same way.
#pragma warning disable CS0618
        return response.WatchAsync<T, T>(onError, cancellationToken);
#pragma warning restore CS0618
    }
}
