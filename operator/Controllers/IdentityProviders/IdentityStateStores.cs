using System.Collections.Concurrent;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Resources;
using k8s;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>
/// One <see cref="SecretIdentityState"/> per IdentityProvider (by key and uid), shared by the replica-wide endpoint
/// registration and the leader's watcher, so both work on the same durable store.
/// </summary>
internal sealed class IdentityStateStores(IKubernetes client)
{
    private readonly ConcurrentDictionary<string, SecretIdentityState> _stores = new(StringComparer.Ordinal);

    public IDurableParts For(IdentityProvider idp)
    {
        var key = $"{idp.Metadata.NamespaceProperty}/{idp.Metadata.Name}";
        return _stores.AddOrUpdate(key, _ => new SecretIdentityState(client, idp),
            (_, existing) => existing.OwnerUid == (idp.Metadata.Uid ?? "") ? existing : new SecretIdentityState(client, idp));
    }

    public void Forget(string idpKey) => _stores.TryRemove(idpKey, out _);
}
