using System.Collections;
using System.Collections.Immutable;

namespace Cerby.Operator.Planning;

/// <summary>
/// A copy-on-write map: a base dictionary every version shares (never written), plus the entries set since. Setting
/// entries gives a new map and leaves this one as it is, so a snapshot can be read from any thread while the next is
/// made. The overlay is folded into a new base once it grows large, so lookups stay close to a plain dictionary's.
/// </summary>
internal sealed class LayeredMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private const int FoldAt = 4096;
    private readonly IReadOnlyDictionary<TKey, TValue> _base;
    private readonly ImmutableDictionary<TKey, TValue> _overlay;
    private readonly int _added;
    private readonly Dictionary<TKey, TValue>? _plain; // the base when it is a plain dictionary: looked up without an interface call

    private LayeredMap(IReadOnlyDictionary<TKey, TValue> @base, ImmutableDictionary<TKey, TValue> overlay, int added) =>
        (_base, _overlay, _added, _plain) = (@base, overlay, added, @base as Dictionary<TKey, TValue>);

    /// <summary>A map over <paramref name="source"/>, which the caller must not change afterwards.</summary>
    public static LayeredMap<TKey, TValue> Over(IReadOnlyDictionary<TKey, TValue> source, IEqualityComparer<TKey> comparer) =>
        new(source, ImmutableDictionary.Create<TKey, TValue>(comparer), 0);

    public int Count => _base.Count + _added;

    public IEnumerable<TKey> Keys => _overlay.Count == 0 ? _base.Keys : this.Select(kv => kv.Key);

    public IEnumerable<TValue> Values => _overlay.Count == 0 ? _base.Values : this.Select(kv => kv.Value);

    public TValue this[TKey key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key.ToString());

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_overlay.Count > 0 && _overlay.TryGetValue(key, out value!))
        {
            return true;
        }

        return _plain is not null ? _plain.TryGetValue(key, out value!) : _base.TryGetValue(key, out value!);
    }

    /// <summary>A new map with these entries set (later ones win).</summary>
    public LayeredMap<TKey, TValue> SetItems(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        var overlay = _overlay;
        var added = _added;
        foreach (var (key, value) in items)
        {
            if (!overlay.ContainsKey(key) && !_base.ContainsKey(key))
            {
                added++;
            }

            overlay = overlay.SetItem(key, value);
        }

        if (overlay.Count < FoldAt)
        {
            return new LayeredMap<TKey, TValue>(_base, overlay, added);
        }

        var folded = new Dictionary<TKey, TValue>(_base.Count + added, overlay.KeyComparer);
        foreach (var (key, value) in _base)
        {
            folded[key] = value;
        }

        foreach (var (key, value) in overlay)
        {
            folded[key] = value;
        }

        return new LayeredMap<TKey, TValue>(folded, overlay.Clear(), 0);
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _overlay.Count == 0 ? _base.GetEnumerator() : Merged().GetEnumerator();

    private IEnumerable<KeyValuePair<TKey, TValue>> Merged()
    {
        foreach (var entry in _base)
        {
            yield return _overlay.Count > 0 && _overlay.TryGetValue(entry.Key, out var newer) ? new(entry.Key, newer) : entry;
        }

        foreach (var entry in _overlay)
        {
            if (!_base.ContainsKey(entry.Key))
            {
                yield return entry;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
