using System.Text;

namespace Cerby.Operator.Planning;

/// <summary>
/// Bounds on human-readable text built from lists (shares, teams, users), so a status, condition message or Event
/// stays well under the API server's limits (a condition message is capped at 32,768 bytes) however many items there are.
/// </summary>
public static class TextLimits
{
    /// <summary>What a reason or condition message built from a list may take, in UTF-8 bytes.</summary>
    public const int ReasonChars = 4096;

    /// <summary>
    /// Joins items while the UTF-8 size stays under <paramref name="maxBytes"/>, then says how many were left out:
    /// "a; b; … and 880 more". Always keeps at least the start of the first item.
    /// </summary>
    public static string JoinBounded(IEnumerable<string> items, string separator, int maxBytes = ReasonChars)
    {
        var list = items as IReadOnlyList<string> ?? items.ToList();
        var builder = new StringBuilder();
        var bytes = 0;
        const int tailRoom = 32; // "; … and 1234567 more"
        for (var i = 0; i < list.Count; i++)
        {
            var piece = i == 0 ? list[i] : separator + list[i];
            var size = Encoding.UTF8.GetByteCount(piece);
            var rest = list.Count - i;
            if (bytes + size + (rest > 1 ? tailRoom : 0) > maxBytes)
            {
                if (i == 0)
                {
                    builder.Append(Truncate(list[0], maxBytes - tailRoom));
                    i = 1;
                    rest = list.Count - 1;
                }

                if (rest > 0)
                {
                    builder.Append($"{separator}… and {rest} more");
                }

                return builder.ToString();
            }

            builder.Append(piece);
            bytes += size;
        }

        return builder.ToString();
    }

    /// <summary>The text cut to at most <paramref name="maxBytes"/> UTF-8 bytes (ending in "…" when cut), never inside a character.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var budget = Math.Max(0, maxBytes - 3); // "…" is 3 bytes
        var length = 0;
        var used = 0;
        while (length < text.Length)
        {
            var step = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(length, step));
            if (used + size > budget)
            {
                break;
            }

            used += size;
            length += step;
        }

        return text[..length] + "…";
    }
}
