using System.Globalization;
using System.IO.Compression;
using System.Text;
using Cerby.Operator.Planning;
using k8s.Models;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// How the ledger is stored in its ConfigMap. <c>data.members</c>: one lower-case email per line, sorted, readable with
/// kubectl. When that text passes <see cref="PlainLimit"/> it moves to <c>binaryData["members.gz"]</c> (gzip): real
/// email lists compress about 4:1 (100,000 addresses of ~28 bytes: 2.8 MB as text, 0.64 MB gzipped), which keeps one
/// ConfigMap under the API server's 1 MiB limit up to roughly 140,000 members; beyond <see cref="CompressedLimit"/>
/// the write is refused with a clear error before any app write goes out. <c>data.pending</c>: one line per pending
/// change, <c>user TAB kind TAB nativeRole TAB since(unix ms) TAB email</c>; it only holds the changes in flight (at
/// most one apply batch, plus the few whose answer was lost). <c>data.since</c> (added later; a ledger without it reads
/// as "not recorded yet"): one line per member the operator has seen in the app with a justification,
/// <c>user TAB firstSeen(unix ms)</c>, sorted; past <see cref="PlainLimit"/> it moves to <c>binaryData["since.gz"]</c>, and
/// when it does not fit beside the members (several hundred thousand first-seen times that all differ) it is left out.
/// </summary>
internal static class LedgerFormat
{
    public const string MembersKey = "members";
    public const string CompressedMembersKey = "members.gz";
    public const string PendingKey = "pending";
    public const string SinceKey = "since";
    public const string CompressedSinceKey = "since.gz";
    public const int PlainLimit = 256 * 1024;
    public const int CompressedLimit = 900 * 1024;

    public static LedgerState Read(V1ConfigMap? stored)
    {
        var state = new LedgerState();
        if (stored?.Data?.TryGetValue(MembersKey, out var text) == true)
        {
            state.Members.UnionWith(Lines(text));
        }

        if (stored?.BinaryData?.TryGetValue(CompressedMembersKey, out var compressed) == true)
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            state.Members.UnionWith(Lines(reader.ReadToEnd()));
        }

        foreach (var line in Text(stored, SinceKey, CompressedSinceKey))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
            {
                state.Since[parts[0]] = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }

        if (stored?.Data?.TryGetValue(PendingKey, out var pending) == true)
        {
            foreach (var line in Lines(pending))
            {
                if (ParsePending(line) is { } entry)
                {
                    state.Pending[entry.UserKey] = entry;
                }
            }
        }

        return state;
    }

    public static void Write(LedgerState state, V1ConfigMap body)
    {
        var members = string.Join('\n', state.Members.Order(StringComparer.Ordinal));
        var since = string.Join('\n', state.Since.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}\t{kv.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}"));
        body.Data = new Dictionary<string, string>();
        var room = CompressedLimit;
        if (Encoding.UTF8.GetByteCount(members) <= PlainLimit)
        {
            body.Data[MembersKey] = members;
        }
        else
        {
            var compressed = Compress(members);
            if (compressed.Length > CompressedLimit)
            {
                throw new InvalidOperationException(
                    $"the ledger of {state.Members.Count} members needs {compressed.Length / 1024} KiB compressed, more than the {CompressedLimit / 1024} KiB one ConfigMap may hold; nothing more is written to the app");
            }

            room -= compressed.Length;
            body.BinaryData = new Dictionary<string, byte[]> { [CompressedMembersKey] = compressed };
        }

        // Since is for reports, never for safety: when it does not fit beside the members it is left out, never the members.
        if (since.Length > 0 && Encoding.UTF8.GetByteCount(since) <= PlainLimit && Encoding.UTF8.GetByteCount(since) <= room)
        {
            body.Data[SinceKey] = since;
        }
        else if (since.Length > 0 && Compress(since) is { } compressedSince && compressedSince.Length <= room)
        {
            body.BinaryData ??= new Dictionary<string, byte[]>();
            body.BinaryData[CompressedSinceKey] = compressedSince;
        }

        if (state.Pending.Count > 0)
        {
            body.Data[PendingKey] = string.Join('\n', state.Pending.Values.OrderBy(p => p.UserKey, StringComparer.Ordinal).Select(FormatPending));
        }
    }

    private static IEnumerable<string> Text(V1ConfigMap? stored, string key, string compressedKey)
    {
        if (stored?.Data?.TryGetValue(key, out var text) == true)
        {
            return Lines(text);
        }

        if (stored?.BinaryData?.TryGetValue(compressedKey, out var compressed) == true)
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return Lines(reader.ReadToEnd());
        }

        return [];
    }

    private static byte[] Compress(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string FormatPending(PendingChange p) =>
        string.Join('\t', p.UserKey, p.Kind.ToString(), p.NativeRole ?? "", p.Since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), p.Email);

    private static PendingChange? ParsePending(string line)
    {
        var parts = line.Split('\t');
        return parts.Length >= 5
            && Enum.TryParse<AccessChangeKind>(parts[1], out var kind)
            && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var since)
            ? new PendingChange(parts[0], parts[4], kind, parts[2].Length == 0 ? null : parts[2], DateTimeOffset.FromUnixTimeMilliseconds(since))
            : null;
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
