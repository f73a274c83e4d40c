using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>
/// What a <see cref="ChunkedSecretStore"/> holds, as of one version of its head Secret: the caller's small metadata
/// (strings) and, per named part, the chunk Secrets that hold its gzip-compressed bytes, in order.
/// </summary>
internal sealed record ChunkedHead(string ResourceVersion, IReadOnlyDictionary<string, string> Meta, IReadOnlyDictionary<string, IReadOnlyList<string>> Parts);

/// <summary>A chunk the head named is gone (a newer commit replaced it): read the head again.</summary>
internal sealed class ChunkMissingException(string message) : Exception(message);

/// <summary>
/// Named binary parts kept in Secrets, the way Helm keeps releases: each part gzip-compressed and split into chunk
/// Secrets of at most <see cref="MaxChunkBytes"/>, and one head Secret naming them, written last with optimistic
/// concurrency (its resourceVersion), so the head is the only commit point. Chunks are written under fresh names per
/// commit and never changed, so a reader of an older head never sees a half-written part (only, at worst, a chunk a
/// newer commit already removed: <see cref="ChunkMissingException"/>). A commit rewrites only the parts it is given.
/// Every Secret carries the labels, the type and an ownerReference to the owner, so they are deleted with it.
/// </summary>
/// <remarks>
/// A commit that loses the race (409) deletes the chunks it created; one that fails ambiguously leaves them (they
/// go with the owner). Secrets hold the data because it may be personal (emails, names): never ConfigMaps.
/// </remarks>
internal sealed class ChunkedSecretStore(IKubernetes client, string ns, string headName, V1OwnerReference owner, string type, IReadOnlyDictionary<string, string> labels)
{
    /// <summary>At most this many (compressed) bytes per chunk Secret: well under the 1 MiB Secret limit once base64-encoded.</summary>
    public const int MaxChunkBytes = 512 * 1024;

    private const string HeadKey = "head";
    private const string ChunkKey = "chunk";

    public string Namespace => ns;

    public string HeadName => headName;

    /// <summary>The head, or null when nothing was ever committed.</summary>
    public async Task<ChunkedHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        V1Secret secret;
        try
        {
            secret = await client.CoreV1.ReadNamespacedSecretAsync(headName, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return null;
        }

        var document = secret.Data?.TryGetValue(HeadKey, out var bytes) == true ? JsonSerializer.Deserialize<HeadDocument>(bytes) : null;
        return new ChunkedHead(secret.Metadata.ResourceVersion ?? "", document?.Meta ?? new Dictionary<string, string>(),
            document?.Parts?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal) ?? new Dictionary<string, IReadOnlyList<string>>());
    }

    /// <summary>
    /// A part's bytes as a stream that decompresses them as they are read (the caller disposes it): only the compressed
    /// chunks are held, never the whole part. Throws <see cref="ChunkMissingException"/> when a chunk is gone.
    /// </summary>
    public async Task<Stream> ReadPartAsync(IReadOnlyList<string> chunks, CancellationToken cancellationToken)
    {
        var compressed = new MemoryStream();
        foreach (var chunk in chunks)
        {
            try
            {
                var secret = await client.CoreV1.ReadNamespacedSecretAsync(chunk, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (secret.Data?.TryGetValue(ChunkKey, out var bytes) != true || bytes is null)
                {
                    throw new ChunkMissingException($"Secret {ns}/{chunk} holds no chunk");
                }

                compressed.Write(bytes);
            }
            catch (Exception e) when (KubernetesErrors.IsNotFound(e))
            {
                throw new ChunkMissingException($"Secret {ns}/{chunk} is gone");
            }
        }

        compressed.Position = 0;
        return new GZipStream(compressed, CompressionMode.Decompress);
    }

    /// <summary>
    /// Writes <paramref name="changed"/> parts (each writes its part's plain bytes into the stream it is given, which
    /// compresses them as they come: a part is never held whole in memory), drops <paramref name="removed"/> ones, keeps the rest of
    /// <paramref name="basis"/>, and sets the metadata. Returns the new head, or null when the head changed since
    /// <paramref name="basis"/> (read it again, re-apply, retry).
    /// </summary>
    public async Task<ChunkedHead?> CommitAsync(
        ChunkedHead? basis, IReadOnlyDictionary<string, string> meta, IReadOnlyDictionary<string, Action<Stream>> changed, IReadOnlyCollection<string> removed,
        CancellationToken cancellationToken)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var created = new List<string>();
        var parts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (part, chunks) in basis?.Parts ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (!changed.ContainsKey(part) && !removed.Contains(part))
            {
                parts[part] = [.. chunks];
            }
        }

        foreach (var (part, write) in changed.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var names = new List<string>();
            foreach (var piece in CompressedPieces(write))
            {
                var name = $"{headName}-{nonce}-{created.Count:x}";
                await client.CoreV1.CreateNamespacedSecretAsync(NewSecret(name, new Dictionary<string, byte[]> { [ChunkKey] = piece }), ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                created.Add(name);
                names.Add(name);
            }

            parts[part] = names;
        }

        var head = NewSecret(headName, new Dictionary<string, byte[]> { [HeadKey] = JsonSerializer.SerializeToUtf8Bytes(new HeadDocument(new Dictionary<string, string>(meta), parts)) });
        V1Secret written;
        try
        {
            if (basis is null)
            {
                written = await client.CoreV1.CreateNamespacedSecretAsync(head, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                head.Metadata.ResourceVersion = basis.ResourceVersion;
                written = await client.CoreV1.ReplaceNamespacedSecretAsync(head, headName, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (KubernetesErrors.IsConflict(e) || KubernetesErrors.IsNotFound(e))
        {
            // Another writer committed first (or removed the head): these chunks are named by nobody.
            await DeleteAsync(created).ConfigureAwait(false);
            return null;
        }

        var kept = parts.Values.SelectMany(c => c).ToHashSet(StringComparer.Ordinal);
        await DeleteAsync((basis?.Parts.Values.SelectMany(c => c) ?? []).Where(c => !kept.Contains(c))).ConfigureAwait(false);
        return new ChunkedHead(written.Metadata.ResourceVersion ?? "", meta, parts.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>gzip at the optimal level.</summary>
    public static byte[] Compress(byte[] bytes) => [.. CompressedPieces(stream => stream.Write(bytes)).SelectMany(piece => piece)];

    /// <summary>What <paramref name="write"/> writes, gzip-compressed at the optimal level, in pieces of at most <see cref="MaxChunkBytes"/>.</summary>
    public static IReadOnlyList<byte[]> CompressedPieces(Action<Stream> write)
    {
        using var pieces = new PieceStream(MaxChunkBytes);
        using (var gzip = new GZipStream(pieces, CompressionLevel.Optimal, leaveOpen: true))
        {
            write(gzip);
        }

        return pieces.Pieces();
    }

    private V1Secret NewSecret(string name, IDictionary<string, byte[]> data) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = type,
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string>(labels),
            OwnerReferences = [owner],
        },
        Data = data,
    };

    /// <summary>Best effort: a chunk left behind is named by no head and goes with the owner.</summary>
    private async Task DeleteAsync(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            try
            {
                await client.CoreV1.DeleteNamespacedSecretAsync(name, ns).ConfigureAwait(false);
            }
            catch (Exception e) when (KubernetesErrors.IsNotFound(e) || e is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException)
            {
                // Already gone, or left for the owner's deletion.
            }
        }
    }

    private sealed record HeadDocument(Dictionary<string, string>? Meta, Dictionary<string, List<string>>? Parts);
}
