using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Storage;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>
/// What kube-controller-manager would do, done at once: delete dependents none of whose owners remain
/// (background propagation), the contents of a terminating namespace, and the instances of a deleted CRD.
/// Dependents with finalizers are marked for deletion like any other delete.
/// </summary>
internal sealed class GarbageCollector(ObjectService service)
{
    public void DeleteOrphanedDependents(string ownerUid)
    {
        foreach (var key in service.Store.DependentsOf(ownerUid))
        {
            if (service.Store.Get(key) is { } dependent && !ObjectStore.OwnerUids(dependent).Any(service.Store.ContainsUid))
            {
                DeleteIfPresent(key);
            }
        }
    }

    public void DeleteNamespaceContents(string @namespace)
    {
        foreach (var key in service.Store.KeysWhere((key, _) => key.Namespace == @namespace))
        {
            DeleteIfPresent(key);
        }
    }

    public void DeleteAllOf(JsonObject crd)
    {
        var storageKey = $"{crd.AtPath("spec.group")?.GetValue<string>()}/{crd.AtPath("spec.names.plural")?.GetValue<string>()}";
        foreach (var key in service.Store.KeysWhere((key, _) => key.StorageKey == storageKey))
        {
            service.Store.Remove(key);
        }
    }

    private void DeleteIfPresent(ObjectKey key)
    {
        if (service.Registry.AnyForStorage(key.StorageKey) is { } type && service.Store.Get(key) is not null)
        {
            service.Delete(type, key.Namespace, key.Name, DeleteRequest.Background);
        }
    }
}
