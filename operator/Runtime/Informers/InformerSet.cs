using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Informers;

/// <summary>The operator's informers, one per kind, shared by every controller.</summary>
internal sealed class InformerSet
{
    private readonly Dictionary<Type, IInformer> _informers = [];

    public IReadOnlyCollection<IInformer> All => _informers.Values;

    public InformerSet Add<T>(ResourceInformer<T> informer)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        _informers.Add(typeof(T), informer);
        return this;
    }

    public ResourceInformer<T> Get<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        _informers.TryGetValue(typeof(T), out var informer)
            ? (ResourceInformer<T>)informer
            : throw new InvalidOperationException($"no informer for {typeof(T).Name}; registered: {string.Join(", ", _informers.Values.Select(i => i.Kind))}");

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_informers.Values.Select(i => i.WaitForSyncAsync(cancellationToken)));

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_informers.Values.Select(i => i.RunAsync(cancellationToken)));
}
