using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// How a SCIM store is laid out in the durable store: users and groups are spread over buckets by a stable hash of
/// their id (parts <c>u&lt;n&gt;</c> and <c>g&lt;n&gt;</c>), so a push rewrites only the bucket of what it changed.
/// A bucket is a JSON array of resources (id, creation order, times, version, tombstone, attributes as pushed); the
/// store compresses it. Bucket counts are powers of two that only grow (about <see cref="UsersPerBucket"/> users and
/// <see cref="GroupWeightPerBucket"/> group weight per bucket, a group weighing 1 plus one per member), so a bucket
/// stays around 100-250 KB compressed at any size (measured: ScimDurabilityTests); a single group larger than a
/// chunk (about 20,000 members) spans several chunk Secrets.
/// </summary>
internal static class ScimStoreImage
{
    public const int Format = 1;
    public const int UsersPerBucket = 2048;
    public const int GroupWeightPerBucket = 8192;

    public static string Part(ScimResourceKind kind, int bucket) => (kind == ScimResourceKind.User ? "u" : "g") + bucket.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a part of the durable store is one of these buckets (the store may hold other parts).</summary>
    public static bool IsPart(string part) =>
        part.Length > 1 && part[0] is 'u' or 'g' && part.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>The bucket of an id among <paramref name="buckets"/> (a power of two): FNV-1a of its UTF-8 bytes.</summary>
    public static int Bucket(string id, int buckets)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & (uint)(buckets - 1));
    }

    /// <summary>The bucket count for this many resources: the smallest power of two keeping buckets near the target, never fewer than before.</summary>
    public static int Buckets(long weight, long perBucket, int before)
    {
        var wanted = 1;
        while (wanted < 1 << 16 && (long)wanted * perBucket < weight)
        {
            wanted <<= 1;
        }

        return Math.Max(wanted, Math.Max(1, before));
    }

    public static long GroupWeight(IEnumerable<ScimStoredResource> groups) => groups.Sum(g => 1L + ScimIdentityMapping.MemberIds(g).Count);

    public static byte[] Encode(IEnumerable<ScimStoredResource> resources)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var r in resources)
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                json.WriteNumber("seq", r.Sequence);
                json.WriteString("created", r.Created);
                json.WriteString("modified", r.LastModified);
                json.WriteNumber("v", r.Version);
                if (r.Deleted)
                {
                    json.WriteBoolean("deleted", true);
                }

                json.WritePropertyName("body");
                r.Body.WriteTo(json);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    public static List<ScimStoredResource> Decode(ScimResourceKind kind, byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var resources = new List<ScimStoredResource>(document.RootElement.GetArrayLength());
        foreach (var e in document.RootElement.EnumerateArray())
        {
            resources.Add(new ScimStoredResource(
                kind,
                e.GetProperty("id").GetString()!,
                e.GetProperty("seq").GetInt64(),
                e.GetProperty("body").Clone(),
                e.GetProperty("created").GetDateTimeOffset(),
                e.GetProperty("modified").GetDateTimeOffset(),
                e.GetProperty("v").GetInt64(),
                e.TryGetProperty("deleted", out var deleted) && deleted.GetBoolean()));
        }

        return resources;
    }
}
