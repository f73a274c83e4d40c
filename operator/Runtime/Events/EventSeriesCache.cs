namespace Cerby.Operator.Runtime.Events;

/// <summary>
/// The count this recorder last wrote for each recent event, the way client-go's EventCorrelator keeps one: a repeat is
/// then a single PATCH, with no read before it. Bounded: the least recently recorded event is forgotten first, and a
/// forgotten one costs one extra request (a create answered 409, then a read) when it recurs.
/// </summary>
internal sealed class EventSeriesCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, int Count)>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, int Count)> _recency = new();
    private readonly Lock _lock = new();

    /// <summary>The count last written for <paramref name="key"/>, if it is remembered.</summary>
    public bool TryGet(string key, out int count)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                count = node.Value.Count;
                return true;
            }

            count = 0;
            return false;
        }
    }

    /// <summary>Remembers that <paramref name="key"/> now has <paramref name="count"/>.</summary>
    public void Set(string key, int count)
    {
        lock (_lock)
        {
            if (_byKey.Remove(key, out var old))
            {
                _recency.Remove(old);
            }

            _byKey[key] = _recency.AddFirst((key, count));
            while (_byKey.Count > capacity && _recency.Last is { } oldest)
            {
                _byKey.Remove(oldest.Value.Key);
                _recency.RemoveLast();
            }
        }
    }

    /// <summary>Forgets <paramref name="key"/> (its object is gone).</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            if (_byKey.Remove(key, out var node))
            {
                _recency.Remove(node);
            }
        }
    }
}
