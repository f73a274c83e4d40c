namespace Cerby.Operator.Identity.Durable;

/// <summary>
/// One IdentityProvider's durable identity state, as one committed version: small metadata (cursors, counters) and
/// named binary parts. <see cref="PartTags"/> tell which parts changed between two versions without reading them.
/// </summary>
/// <param name="Version">Opaque; differs after every commit (the head Secret's resourceVersion).</param>
/// <param name="PartTags">Per part, a tag that changes whenever the part's content does.</param>
/// <param name="Handle">The implementation's own record of this version.</param>
internal sealed record DurableHead(string Version, IReadOnlyDictionary<string, string> Meta, IReadOnlyDictionary<string, string> PartTags, object Handle);

/// <summary>
/// Where identity state that must survive restarts and failover is kept (in Kubernetes: compressed, chunked Secrets
/// owned by the IdentityProvider; see <c>Controllers/Identity/SecretIdentityState</c>). Every replica may write;
/// commits are optimistic: one based on an outdated head returns null, and the writer reads again and re-applies.
/// </summary>
internal interface IDurableParts
{
    /// <summary>Where it is kept, for messages (e.g. "Secret team-a/cerby-idp-okta").</summary>
    string Location { get; }

    /// <summary>The latest head; null when nothing was ever stored.</summary>
    Task<DurableHead?> ReadHeadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A part's bytes, as a stream to read once and dispose (a large part is never held whole);
    /// <see cref="DurablePartMissingException"/> when a newer commit already replaced it.
    /// </summary>
    Task<Stream> ReadPartAsync(DurableHead head, string part, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the changed parts (each writes its bytes into the stream it is given, so a large part is streamed, not
    /// held whole), drops the removed ones, keeps the others; null when <paramref name="basis"/> is outdated.
    /// </summary>
    Task<DurableHead?> CommitAsync(DurableHead? basis, IReadOnlyDictionary<string, string> meta, IReadOnlyDictionary<string, Action<Stream>> changed,
        IReadOnlyCollection<string> removed, CancellationToken cancellationToken);
}

/// <summary>A part of an older head is gone: read the head again.</summary>
internal sealed class DurablePartMissingException(string message) : Exception(message);

/// <summary>The durable store could not be reached or refused a write (never holds data or credentials).</summary>
internal sealed class DurableStateException(string message, Exception? inner = null) : Exception(message, inner);
