using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime.Informers;

namespace Cerby.Operator.Controllers.World;

/// <summary>The declared state as the informer caches hold it. Objects being deleted are left out: they grant nothing.</summary>
internal static class DeclaredStateReader
{
    public static DeclaredState Read(InformerSet informers) => new(
        Live(informers.Get<BusinessHub>()),
        Live(informers.Get<TeamShare>()),
        Live(informers.Get<IdpGroupBinding>()),
        Live(informers.Get<IdentityProvider>()),
        Live(informers.Get<AccessReview>()));

    private static List<T> Live<T>(ResourceInformer<T> informer)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> =>
        [.. informer.Cache.List().Where(o => o.Metadata.DeletionTimestamp is null)];
}
