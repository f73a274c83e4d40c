using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Informers;

/// <summary>
/// The informer's in-memory copy of one kind, by namespace/name and by named indexes (e.g. "byHub": share → "ns/hub").
/// Objects are shared with every reader: treat them as read-only (the status and finalizer writers copy before changing).
/// </summary>
internal sealed class ResourceCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceKey, T> _items = [];
    private readonly Dictionary<string, Index> _indexes = [];

    /// <summary>Registers an index: <paramref name="keysOf"/> gives the index values an object is found under.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> keysOf)
    {
        lock (_lock)
        {
            if (_indexes.ContainsKey(name))
            {
                throw new ArgumentException($"index \"{name}\" is already registered", nameof(name));
            }

            var index = new Index(keysOf);
            foreach (var (key, item) in _items)
            {
                index.Add(key, item);
            }

            _indexes.Add(name, index);
        }
    }

    public T? Get(ResourceKey key)
    {
        lock (_lock) return _items.GetValueOrDefault(key);
    }

    public IReadOnlyList<T> List()
    {
        lock (_lock) return [.. _items.Values];
    }

    /// <summary>The objects the named index files under <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"no index named \"{indexName}\"; registered: {string.Join(", ", _indexes.Keys)}", nameof(indexName));
            }

            return index.Keys.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>Stores the object; returns the one it replaced.</summary>
    internal T? Upsert(T item)
    {
        var key = ResourceKey.Of(item);
        lock (_lock)
        {
            var previous = _items.GetValueOrDefault(key);
            foreach (var index in _indexes.Values)
            {
                if (previous is not null)
                {
                    index.Remove(key, previous);
                }

                index.Add(key, item);
            }

            _items[key] = item;
            return previous;
        }
    }

    /// <summary>Removes the object; returns it, or null when it was not cached.</summary>
    internal T? Remove(ResourceKey key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var previous))
            {
                return null;
            }

            foreach (var index in _indexes.Values)
            {
                index.Remove(key, previous);
            }

            return previous;
        }
    }

    private sealed class Index(Func<T, IEnumerable<string>> keysOf)
    {
        public Dictionary<string, HashSet<ResourceKey>> Keys { get; } = [];

        public void Add(ResourceKey key, T item)
        {
            foreach (var value in keysOf(item))
            {
                if (!Keys.TryGetValue(value, out var keys))
                {
                    Keys[value] = keys = [];
                }

                keys.Add(key);
            }
        }

        public void Remove(ResourceKey key, T item)
        {
            foreach (var value in keysOf(item))
            {
                if (Keys.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    Keys.Remove(value);
                }
            }
        }
    }
}
