using System.Diagnostics.CodeAnalysis;

namespace Cerby.Operator.Identity;

/// <summary>
/// A user's profile as the directory keeps it: its names and values side by side in one array instead of a hash table
/// per user. A Dictionary of six attributes costs about 320 bytes besides its strings, this about 150; at 100,000 users
/// that is 17 MB less held for as long as the operator runs. Lookups scan the array: a profile holds tens of attributes
/// and is looked up by name only to map an attribute or evaluate a condition. Immutable; names are ordinal.
/// </summary>
internal sealed class ProfileMap : IReadOnlyDictionary<string, string>
{
    /// <summary>The profile of no attributes (deleted users, directories that keep none), shared.</summary>
    public static readonly ProfileMap Empty = new([]);

    private readonly KeyValuePair<string, string>[] _entries;

    private ProfileMap(KeyValuePair<string, string>[] entries) => _entries = entries;

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<string> Values => _entries.Select(e => e.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the profile has no attribute {key}");

    /// <summary>The profile a mapping built (names already distinct).</summary>
    public static ProfileMap Of(IReadOnlyDictionary<string, string> built) =>
        built.Count == 0 ? Empty : built as ProfileMap ?? new ProfileMap([.. built]);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
