using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Hosting;

/// <summary>
/// The informers of the five cerby kinds, over the watched namespaces; BusinessHubs only those matching the hub
/// selector when one is given (a shard), filtered by the API server.
/// </summary>
internal static class OperatorInformers
{
    public static InformerSet Create(
        IKubernetes client, IReadOnlyList<string> namespaces, InformerOptions options, TimeProvider time, ILoggerFactory loggers, string hubSelector = "") =>
        new InformerSet()
            .Add(Create<BusinessHub>(client, namespaces, options, time, loggers, hubSelector))
            .Add(Create<TeamShare>(client, namespaces, options, time, loggers))
            .Add(Create<IdpGroupBinding>(client, namespaces, options, time, loggers))
            .Add(Create<IdentityProvider>(client, namespaces, options, time, loggers))
            .Add(Create<AccessReview>(client, namespaces, options, time, loggers));

    private static ResourceInformer<T> Create<T>(
        IKubernetes client, IReadOnlyList<string> namespaces, InformerOptions options, TimeProvider time, ILoggerFactory loggers, string labelSelector = "")
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var selector = labelSelector.Length == 0 ? null : labelSelector;
        IReadOnlyList<IListWatch<T>> sources = namespaces.Count == 0
            ? [new CustomResourceListWatch<T>(client, null, options.WatchTimeout, selector)]
            : [.. namespaces.Select(ns => new CustomResourceListWatch<T>(client, ns, options.WatchTimeout, selector))];
        return new ResourceInformer<T>(sources, options, time, loggers.CreateLogger<ResourceInformer<T>>());
    }
}
