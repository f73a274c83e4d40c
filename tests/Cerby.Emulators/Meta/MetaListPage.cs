using System.Globalization;
using System.Text;

namespace Cerby.Emulators.Meta;

/// <summary>One page of a list edge, in id order, and whether more items follow it.</summary>
internal sealed record MetaListPage<T>(IReadOnlyList<(long Key, T Item)> Items, bool HasMore)
{
    /// <summary>Takes the page after the cursor <paramref name="after"/> (from the start when null) from items in key order.</summary>
    public static MetaListPage<T> Slice(IEnumerable<(long Key, T Item)> ordered, string? after, int limit)
    {
        var afterKey = after is null ? long.MinValue : MetaCursor.Decode(after);
        var window = ordered.Where(i => i.Key > afterKey).Take(limit + 1).ToList();
        return new MetaListPage<T>(window.Take(limit).ToList(), window.Count > limit);
    }
}

/// <summary>Opaque cursors: the base64 of the key of the item at a page's edge.</summary>
internal static class MetaCursor
{
    public static string Encode(long key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key.ToString(CultureInfo.InvariantCulture)));

    public static long Decode(string cursor)
    {
        try
        {
            return long.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw MetaGraphException.InvalidParameter("Invalid cursor");
        }
    }
}
