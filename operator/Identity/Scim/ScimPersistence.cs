using System.Globalization;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.ScimProtocol;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// Keeps one IdentityProvider's in-memory SCIM store in step with its durable store, which every replica writes to.
/// A push is applied and committed before it is answered (<see cref="MutateAsync{T}"/>): pushes that arrive while a
/// commit is in flight are committed together (group commit), so a burst costs a few writes, not one per request.
/// Commits are optimistic: when another replica committed first, the store is read again and the waiting pushes are
/// applied again on top (nothing lost, nothing applied twice: the durable copy is the only truth). Reads refresh from
/// the durable store first (<see cref="RefreshAsync"/>), loading only the buckets that changed.
/// Without a durable store (<c>null</c>: tests, tools) the store is memory-only and every call completes at once.
/// </summary>
internal sealed class ScimPersistence(ScimStore store, IDurableParts? durable, string idpKey, ILogger logger)
{
    private const int MaxAttempts = 10;
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _queueLock = new();
    private readonly List<PendingChange> _queue = [];
    private DurableHead? _head;
    private bool _loaded;
    private bool _memoryAhead;
    private long _persistedVersion;
    private int _userBuckets = 1;
    private int _groupBuckets = 1;

    public bool IsDurable => durable is not null;

    /// <summary>Whether the last attempt to reach the durable store succeeded (true without one).</summary>
    public bool Reachable { get; private set; } = true;

    /// <summary>Whether the durable store was read at least once (always true without one).</summary>
    public bool Loaded => durable is null || _loaded;

    /// <summary>Brings the in-memory store up to the durable store's latest version. Throws <see cref="DurableStateException"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (durable is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await GuardAsync(() => EnsureCurrentAsync(cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Applies a change and returns once it is durable. A <see cref="ScimException"/> from the change is the
    /// answer to the client (nothing stored); when the durable store cannot take it the answer is 503 (the IdP retries).
    /// </summary>
    public async Task<T> MutateAsync<T>(Func<ScimStore, T> change, CancellationToken cancellationToken)
    {
        if (durable is null)
        {
            return change(store);
        }

        var pending = new PendingChange(s => change(s));
        lock (_queueLock)
        {
            _queue.Add(pending);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!pending.Completion.Task.IsCompleted)
            {
                await CommitQueuedAsync();
            }
        }
        finally
        {
            _gate.Release();
        }

        return (T)(await pending.Completion.Task)!;
    }

    private async Task CommitQueuedAsync()
    {
        List<PendingChange> batch;
        lock (_queueLock)
        {
            batch = [.. _queue];
            _queue.Clear();
        }

        using var timeout = new CancellationTokenSource(CommitTimeout);
        try
        {
            await GuardAsync(async () =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    await EnsureCurrentAsync(timeout.Token);
                    var before = store.Version;
                    batch.ForEach(p => p.Run(store));
                    if (store.Version == before)
                    {
                        return; // refusals and no-ops only
                    }

                    _memoryAhead = true;
                    if (await CommitAsync(timeout.Token) is { } head)
                    {
                        (_head, _persistedVersion, _memoryAhead) = (head, store.Version, false);
                        logger.StoreCommitted(idpKey, batch.Count, store.Version, attempt);
                        return;
                    }

                    logger.StoreCommitConflict(idpKey, attempt);
                    if (attempt >= MaxAttempts)
                    {
                        throw new DurableStateException($"{durable!.Location} kept changing under {MaxAttempts} attempts to store a push");
                    }
                }
            });
            batch.ForEach(p => p.Complete());
        }
        catch (Exception e)
        {
            // Unreachable, refused, or out of time: none of these pushes is answered 2xx, so the IdP sends them again.
            var refusal = new ScimException(503, null, "the change could not be stored durably; retry later");
            logger.StoreCommitFailed(idpKey, e is DurableStateException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            batch.ForEach(p => p.Completion.TrySetException(refusal));
        }
    }

    /// <summary>Turns the durable store's failures into <see cref="DurableStateException"/> and records reachability.</summary>
    private async Task GuardAsync(Func<Task> action)
    {
        try
        {
            await action();
            Reachable = true;
        }
        catch (DurableStateException)
        {
            Reachable = false;
            _memoryAhead |= store.Version != _persistedVersion;
            throw;
        }
        catch (OperationCanceledException)
        {
            _memoryAhead |= store.Version != _persistedVersion; // the caller gave up: says nothing about the store
            throw;
        }
        catch (Exception e) when (e is not ScimException)
        {
            Reachable = false;
            _memoryAhead |= store.Version != _persistedVersion; // what could not be stored is dropped at the next read
            throw new DurableStateException($"{durable!.Location} could not be used: {e.GetType().Name}: {e.Message}", e);
        }
    }

    private async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await durable!.ReadHeadAsync(cancellationToken);
            if (_loaded && !_memoryAhead && head?.Version == _head?.Version)
            {
                return;
            }

            try
            {
                await LoadAsync(head, cancellationToken);
                return;
            }
            catch (DurablePartMissingException) when (attempt < 5)
            {
                // A newer commit replaced a part between reading the head and the part: read the head again.
            }
        }
    }

    private async Task LoadAsync(DurableHead? head, CancellationToken cancellationToken)
    {
        var meta = head?.Meta ?? new Dictionary<string, string>();
        var userBuckets = Number(meta, "userBuckets", 1);
        var groupBuckets = Number(meta, "groupBuckets", 1);
        var full = !_loaded || _memoryAhead || userBuckets != _userBuckets || groupBuckets != _groupBuckets;
        var tags = (head?.PartTags ?? new Dictionary<string, string>()).Where(t => ScimStoreImage.IsPart(t.Key)).ToDictionary(StringComparer.Ordinal);
        var oldTags = (_head?.PartTags ?? new Dictionary<string, string>()).Where(t => ScimStoreImage.IsPart(t.Key)).ToDictionary(StringComparer.Ordinal);
        var changed = full
            ? tags.Keys.ToHashSet(StringComparer.Ordinal)
            : tags.Where(t => oldTags.GetValueOrDefault(t.Key) != t.Value).Select(t => t.Key).Concat(oldTags.Keys.Where(k => !tags.ContainsKey(k))).ToHashSet(StringComparer.Ordinal);

        var resources = new List<ScimStoredResource>();
        if (!full)
        {
            var current = store.Snapshot();
            resources.AddRange(current.Users.Where(u => !changed.Contains(ScimStoreImage.Part(ScimResourceKind.User, ScimStoreImage.Bucket(u.Id, userBuckets)))));
            resources.AddRange(current.Groups.Where(g => !changed.Contains(ScimStoreImage.Part(ScimResourceKind.Group, ScimStoreImage.Bucket(g.Id, groupBuckets)))));
        }

        foreach (var part in changed.Where(tags.ContainsKey).Order(StringComparer.Ordinal))
        {
            var kind = part.StartsWith('u') ? ScimResourceKind.User : ScimResourceKind.Group;
            await using var stream = await durable!.ReadPartAsync(head!, part, cancellationToken);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, cancellationToken);
            resources.AddRange(ScimStoreImage.Decode(kind, bytes.ToArray()));
        }

        var version = Long(meta, "version");
        store.Restore(version, Long(meta, "sequence"), resources);
        (_head, _loaded, _memoryAhead, _persistedVersion, _userBuckets, _groupBuckets) = (head, true, false, version, userBuckets, groupBuckets);
        logger.StoreLoaded(idpKey, changed.Count, version);
    }

    private async Task<DurableHead?> CommitAsync(CancellationToken cancellationToken)
    {
        var snapshot = store.Snapshot();
        var userBuckets = ScimStoreImage.Buckets(snapshot.Users.Count, ScimStoreImage.UsersPerBucket, _userBuckets);
        var groupBuckets = ScimStoreImage.Buckets(ScimStoreImage.GroupWeight(snapshot.Groups), ScimStoreImage.GroupWeightPerBucket, _groupBuckets);
        var changed = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        Collect(ScimResourceKind.User, snapshot.Users, userBuckets, userBuckets != _userBuckets, changed);
        Collect(ScimResourceKind.Group, snapshot.Groups, groupBuckets, groupBuckets != _groupBuckets, changed);
        var removed = (_head?.PartTags.Keys ?? []).Where(p => ScimStoreImage.IsPart(p) && !changed.ContainsKey(p)
            && ((userBuckets != _userBuckets && p.StartsWith('u')) || (groupBuckets != _groupBuckets && p.StartsWith('g')))).ToList();
        var meta = new Dictionary<string, string>(_head?.Meta ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["format"] = ScimStoreImage.Format.ToString(CultureInfo.InvariantCulture),
            ["version"] = snapshot.Version.ToString(CultureInfo.InvariantCulture),
            ["sequence"] = snapshot.Sequence.ToString(CultureInfo.InvariantCulture),
            ["userBuckets"] = userBuckets.ToString(CultureInfo.InvariantCulture),
            ["groupBuckets"] = groupBuckets.ToString(CultureInfo.InvariantCulture),
            ["users"] = snapshot.Users.Count(u => !u.Deleted).ToString(CultureInfo.InvariantCulture),
            ["groups"] = snapshot.Groups.Count(g => !g.Deleted).ToString(CultureInfo.InvariantCulture),
        };
        var writers = changed.ToDictionary(p => p.Key, p => (Action<Stream>)(stream => stream.Write(p.Value)), StringComparer.Ordinal);
        var head = await durable!.CommitAsync(_head, meta, writers, removed, cancellationToken);
        if (head is not null)
        {
            (_userBuckets, _groupBuckets) = (userBuckets, groupBuckets);
        }

        return head;

        void Collect(ScimResourceKind kind, IReadOnlyList<ScimStoredResource> all, int buckets, bool everything, Dictionary<string, byte[]> into)
        {
            var byBucket = all.GroupBy(r => ScimStoreImage.Bucket(r.Id, buckets));
            foreach (var bucket in byBucket.Where(b => everything || b.Any(r => r.Version > _persistedVersion)))
            {
                into[ScimStoreImage.Part(kind, bucket.Key)] = ScimStoreImage.Encode(bucket);
            }
        }
    }

    private static int Number(IReadOnlyDictionary<string, string> meta, string key, int fallback) =>
        meta.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static long Long(IReadOnlyDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>One push waiting for its commit; its outcome is the one of the attempt that was stored.</summary>
    private sealed class PendingChange(Func<ScimStore, object?> change)
    {
        private object? _result;
        private Exception? _error;

        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(ScimStore store)
        {
            try
            {
                (_result, _error) = (change(store), null);
            }
            catch (Exception e)
            {
                (_result, _error) = (null, e); // the store changed nothing: every change checks before it writes
            }
        }

        public void Complete()
        {
            if (_error is not null)
            {
                Completion.TrySetException(_error);
            }
            else
            {
                Completion.TrySetResult(_result);
            }
        }
    }
}
