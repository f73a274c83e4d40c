using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Storage;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>
/// The configuration each field manager last applied to each object (by uid, so a re-created object starts afresh):
/// what server-side apply needs to remove the fields a manager stops applying. It stands in for managedFields.
/// </summary>
internal sealed class AppliedConfigurations
{
    private readonly ConcurrentDictionary<(ObjectKey Key, string Uid, string Manager), JsonObject> last = new();

    public JsonObject? Get(ObjectKey key, string uid, string manager) => last.GetValueOrDefault((key, uid, manager));

    public void Set(ObjectKey key, string uid, string manager, JsonObject applied) => last[(key, uid, manager)] = applied.DeepClone().AsObject();
}
