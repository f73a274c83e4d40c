using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;
using Cerby.KubeApiServer.Storage;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>Namespace lifecycle: content only in live namespaces; deletion through Terminating.</summary>
internal sealed partial class ObjectService
{
    /// <summary>
    /// As the namespace controller does: the namespace turns Terminating, its contents are deleted, and it goes
    /// away once nothing is left in it (objects with finalizers keep it Terminating until they are gone).
    /// </summary>
    private JsonObject TerminateNamespace(ObjectKey key, JsonObject existing)
    {
        if (existing.Metadata()["deletionTimestamp"] is null)
        {
            existing.Metadata()["deletionTimestamp"] = Now();
            existing.Metadata()["deletionGracePeriodSeconds"] = 0;
            existing["status"] = new JsonObject { ["phase"] = "Terminating" };
            existing = store.Put(key, existing);
            new GarbageCollector(this).DeleteNamespaceContents(key.Name);
        }

        RemoveNamespaceIfTerminatedAndEmpty(key.Name);
        return existing;
    }

    private void RemoveNamespaceIfTerminatedAndEmpty(string @namespace)
    {
        var key = Key(BuiltInResources.Namespaces, "", @namespace);
        if (store.Get(key) is { } ns && ns.Metadata()["deletionTimestamp"] is not null &&
            store.IsNamespaceEmpty(@namespace))
        {
            RemoveAndCollect(BuiltInResources.Namespaces, key, ns, orphan: false);
        }
    }

    private void CheckNamespaceAcceptsContent(string @namespace)
    {
        var ns = store.Get(Key(BuiltInResources.Namespaces, "", @namespace))
            ?? throw new ApiException(404, "NotFound", $"namespaces \"{@namespace}\" not found",
                new JsonObject { ["name"] = @namespace, ["kind"] = "namespaces" });
        if (ns.Metadata()["deletionTimestamp"] is not null)
        {
            throw new ApiException(403, "Forbidden",
                $"unable to create new content in namespace {@namespace} because it is being terminated",
                new JsonObject { ["name"] = @namespace, ["kind"] = "namespaces" });
        }
    }
}
