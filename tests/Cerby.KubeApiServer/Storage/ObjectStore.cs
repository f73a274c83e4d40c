using System.Globalization;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Json;

namespace Cerby.KubeApiServer.Storage;

/// <summary>
/// The objects, one global resourceVersion counter (as etcd has), and a bounded history of changes that watches
/// resume from. Callers that read-check-write hold <see cref="Gate"/> so the check and the write are atomic.
/// </summary>
internal sealed class ObjectStore(int historyLimit)
{
    private readonly Dictionary<ObjectKey, JsonObject> objects = [];
    private readonly HashSet<string> uids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ObjectKey>> dependentsByOwnerUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> countByNamespace = new(StringComparer.Ordinal);
    private readonly Queue<StoredEvent> history = new();
    private readonly List<WatchSubscription> subscriptions = [];
    private long currentVersion;
    private long compactedThrough;

    /// <summary>Held by every read-check-write sequence; reentrant.</summary>
    public object Gate { get; } = new();

    public JsonObject? Get(ObjectKey key)
    {
        lock (Gate)
        {
            return objects.GetValueOrDefault(key)?.Clone();
        }
    }

    /// <summary>Copies of the objects under a storage key (and namespace, when given), with the list's resourceVersion.</summary>
    public (List<JsonObject> Items, long ResourceVersion) List(string storageKey, string? @namespace)
    {
        lock (Gate)
        {
            var items = objects
                .Where(pair => pair.Key.StorageKey == storageKey && (@namespace is null || pair.Key.Namespace == @namespace))
                .OrderBy(pair => pair.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(pair => pair.Key.Name, StringComparer.Ordinal)
                .Select(pair => pair.Value.Clone())
                .ToList();
            return (items, currentVersion);
        }
    }

    /// <summary>The keys of the stored objects that match, for garbage collection and namespace deletion.</summary>
    public List<ObjectKey> KeysWhere(Func<ObjectKey, JsonObject, bool> predicate)
    {
        lock (Gate)
        {
            return objects.Where(pair => predicate(pair.Key, pair.Value)).Select(pair => pair.Key).ToList();
        }
    }

    /// <summary>The objects whose ownerReferences name this uid.</summary>
    public List<ObjectKey> DependentsOf(string ownerUid)
    {
        lock (Gate)
        {
            return dependentsByOwnerUid.TryGetValue(ownerUid, out var keys) ? [.. keys] : [];
        }
    }

    public bool IsNamespaceEmpty(string @namespace)
    {
        lock (Gate)
        {
            return countByNamespace.GetValueOrDefault(@namespace) == 0;
        }
    }

    /// <summary>Whether an object with this uid is stored (an owner that still exists).</summary>
    public bool ContainsUid(string uid)
    {
        lock (Gate)
        {
            return uids.Contains(uid);
        }
    }

    /// <summary>Stores a new or changed object under a new resourceVersion, written into it; returns a copy.</summary>
    public JsonObject Put(ObjectKey key, JsonObject obj)
    {
        lock (Gate)
        {
            var previous = objects.GetValueOrDefault(key);
            var stored = Stamp(obj.Clone());
            if (previous is null)
            {
                countByNamespace[key.Namespace] = countByNamespace.GetValueOrDefault(key.Namespace) + 1;
            }
            else
            {
                Unindex(key, previous);
            }

            objects[key] = stored;
            Index(key, stored);
            Record(new StoredEvent(previous is null ? "ADDED" : "MODIFIED", key, currentVersion, stored.Clone(), previous));
            return stored.Clone();
        }
    }

    /// <summary>
    /// Removes an object; the DELETED event carries its final state (the stored one unless given, e.g. with its last
    /// finalizer just removed) under the deletion's resourceVersion.
    /// </summary>
    public void Remove(ObjectKey key, JsonObject? finalState = null)
    {
        lock (Gate)
        {
            if (objects.Remove(key, out var previous))
            {
                countByNamespace[key.Namespace]--;
                Unindex(key, previous);
                var last = Stamp((finalState ?? previous).Clone());
                Record(new StoredEvent("DELETED", key, currentVersion, last, previous));
            }
        }
    }

    /// <summary>
    /// Opens a watch. With <paramref name="fromVersion"/> null, the current objects are replayed as ADDED;
    /// otherwise the retained changes after it are; <c>OldestAvailable</c> is set instead when they are gone.
    /// </summary>
    public (WatchSubscription? Subscription, long OldestAvailable) Subscribe(string storageKey, string? @namespace, long? fromVersion)
    {
        lock (Gate)
        {
            if (fromVersion is { } from && from < compactedThrough)
            {
                return (null, compactedThrough + 1);
            }

            var subscription = new WatchSubscription(storageKey, @namespace, Unsubscribe);
            var replay = fromVersion is { } after
                ? history.Where(stored => stored.ResourceVersion > after)
                : List(storageKey, @namespace).Items.Select(obj =>
                    new StoredEvent("ADDED", default, ResourceVersionOf(obj), obj, null) with { Key = KeyOf(storageKey, obj) });
            foreach (var stored in replay.Where(subscription.Wants))
            {
                subscription.Deliver(stored);
                subscription.ReplayCount++;
            }

            subscriptions.Add(subscription);
            return (subscription, 0);
        }
    }

    /// <summary>
    /// The resourceVersion a BOOKMARK may carry: the current one, provided the watch has no undelivered event
    /// (events are queued under the same lock, so an empty queue means every change up to now was sent); else null.
    /// </summary>
    public long? BookmarkVersion(WatchSubscription subscription)
    {
        lock (Gate)
        {
            return subscription.Events.Count == 0 ? currentVersion : null;
        }
    }

    /// <summary>Forgets all history up to now: watches from any earlier resourceVersion get 410 Expired.</summary>
    public void Compact()
    {
        lock (Gate)
        {
            history.Clear();
            compactedThrough = currentVersion;
        }
    }

    private JsonObject Stamp(JsonObject obj)
    {
        currentVersion++;
        obj.Metadata()["resourceVersion"] = currentVersion.ToString(CultureInfo.InvariantCulture);
        return obj;
    }

    private void Record(StoredEvent stored)
    {
        history.Enqueue(stored);
        while (history.Count > historyLimit)
        {
            compactedThrough = history.Dequeue().ResourceVersion;
        }

        foreach (var subscription in subscriptions.Where(subscription => subscription.Wants(stored)))
        {
            subscription.Deliver(stored);
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (Gate)
        {
            subscriptions.Remove(subscription);
        }
    }

    private void Index(ObjectKey key, JsonObject obj)
    {
        uids.Add(UidOf(obj));
        foreach (var owner in OwnerUids(obj))
        {
            if (!dependentsByOwnerUid.TryGetValue(owner, out var keys))
            {
                dependentsByOwnerUid[owner] = keys = [];
            }

            keys.Add(key);
        }
    }

    private void Unindex(ObjectKey key, JsonObject obj)
    {
        uids.Remove(UidOf(obj));
        foreach (var owner in OwnerUids(obj))
        {
            if (dependentsByOwnerUid.TryGetValue(owner, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                dependentsByOwnerUid.Remove(owner);
            }
        }
    }

    /// <summary>The uids an object's ownerReferences name.</summary>
    public static IEnumerable<string> OwnerUids(JsonObject obj) =>
        (obj.AtPath("metadata.ownerReferences") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(owner => owner.GetString("uid") ?? "");

    private static string UidOf(JsonObject obj) => obj.AtPath("metadata.uid")?.GetValue<string>() ?? "";

    private static ObjectKey KeyOf(string storageKey, JsonObject obj) =>
        new(storageKey, obj.AtPath("metadata.namespace")?.GetValue<string>() ?? "", obj.AtPath("metadata.name")!.GetValue<string>());

    private static long ResourceVersionOf(JsonObject obj) =>
        long.Parse(obj.AtPath("metadata.resourceVersion")!.GetValue<string>(), CultureInfo.InvariantCulture);
}
