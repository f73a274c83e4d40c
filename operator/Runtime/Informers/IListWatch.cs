using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Informers;

/// <summary>Lists and watches one kind in one scope (a namespace, or all of them).</summary>
internal interface IListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The namespace listed and watched; null for all namespaces.</summary>
    string? Namespace { get; }

    /// <summary>Every object in scope, and the resourceVersion of that snapshot to watch from.</summary>
    Task<ListSnapshot<T>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Changes after <paramref name="resourceVersion"/>, bookmarks included; ERROR events (a Status, e.g. 410 Gone) go to
    /// <paramref name="onError"/> as <see cref="KubernetesException"/>. Ends when the server closes the watch.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);
}

/// <summary>The result of a full list.</summary>
internal sealed record ListSnapshot<T>(IReadOnlyList<T> Items, string ResourceVersion);
