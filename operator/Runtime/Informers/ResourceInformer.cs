using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Runtime.Informers;

/// <summary>
/// Keeps a <see cref="ResourceCache{T}"/> of one kind in line with the API server: lists each scope, then watches from the
/// list's resourceVersion with bookmarks on; a watch that ends is resumed from the last resourceVersion seen, a 410 Gone
/// (ERROR event or HTTP status) lists again, and failures reconnect with capped exponential backoff plus jitter.
/// A relist reports only real differences (by resourceVersion), so a resumed watch neither misses nor repeats a change.
/// Handlers run on the informer's loop, one event at a time, and must be quick (controllers only enqueue keys).
/// </summary>
internal sealed class ResourceInformer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IReadOnlyList<IListWatch<T>> _sources;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<InformerEvent<T>>[] _handlers = [];
    private int _unsyncedSources;

    public ResourceInformer(IReadOnlyList<IListWatch<T>> sources, InformerOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sources.Count);
        (_sources, _options, _time, _logger) = (sources, options, time, logger);
        _unsyncedSources = sources.Count;
    }

    public string Kind { get; } = typeof(T).Name;

    public ResourceCache<T> Cache { get; } = new();

    public bool HasSynced => _synced.Task.IsCompleted;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Registers an index on the cache (see <see cref="ResourceCache{T}.AddIndex"/>).</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> keysOf) => Cache.AddIndex(name, keysOf);

    /// <summary>Calls <paramref name="handler"/> for every change; objects already cached are replayed as Added first.</summary>
    public void Subscribe(Action<InformerEvent<T>> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
            foreach (var item in Cache.List())
            {
                Invoke(handler, new InformerEvent<T>(InformerEventType.Added, item));
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loops = _sources.Select(source => RunSourceAsync(source, cancellationToken)).ToList();
        if (_options.ResyncInterval > TimeSpan.Zero)
        {
            loops.Add(ResyncAsync(cancellationToken));
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task RunSourceAsync(IListWatch<T> source, CancellationToken cancellationToken)
    {
        var scope = source.Namespace ?? "all namespaces";
        var backoff = new ExponentialBackoff(_options.InitialBackoff, _options.MaxBackoff);
        var synced = false;
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    RuntimeMetrics.InformerRelists.WithLabels(Kind).Inc();
                    resourceVersion = await RelistAsync(source, scope, cancellationToken).ConfigureAwait(false);
                    backoff.Reset();
                    if (!synced)
                    {
                        synced = true;
                        if (Interlocked.Decrement(ref _unsyncedSources) == 0)
                        {
                            _synced.TrySetResult();
                        }
                    }
                }

                var watch = await WatchAsync(source, resourceVersion, cancellationToken).ConfigureAwait(false);
                RuntimeMetrics.InformerWatchRestarts.WithLabels(Kind).Inc();
                resourceVersion = watch.ResourceVersion;
                if (watch.Events > 0)
                {
                    backoff.Reset();
                }

                if (watch.Gone)
                {
                    _logger.InformerGone(Kind, scope);
                    resourceVersion = null;
                }
                else if (watch.Failure is not null || watch.Events == 0)
                {
                    // A watch that failed or closed without a single event waits before trying again, so a failing server is not hammered.
                    await DelayAsync(backoff, watch.Failure ?? new EndOfStreamException("watch closed without events"), scope, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (KubernetesErrors.IsGone(ex))
            {
                _logger.InformerGone(Kind, scope);
                resourceVersion = null;
            }
            catch (Exception ex)
            {
                await DelayAsync(backoff, ex, scope, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DelayAsync(ExponentialBackoff backoff, Exception reason, string scope, CancellationToken cancellationToken)
    {
        var delay = backoff.Next();
        _logger.InformerWatchFailed(reason, Kind, scope, delay);
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the loop ends.
        }
    }

    private async Task<string> RelistAsync(IListWatch<T> source, string scope, CancellationToken cancellationToken)
    {
        var snapshot = await source.ListAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var listed = new HashSet<ResourceKey>();
            foreach (var item in snapshot.Items)
            {
                listed.Add(ResourceKey.Of(item));
                Apply(WatchEventType.Modified, item);
            }

            foreach (var cached in Cache.List())
            {
                var key = ResourceKey.Of(cached);
                if ((source.Namespace is null || source.Namespace == key.Namespace) && !listed.Contains(key))
                {
                    Apply(WatchEventType.Deleted, cached);
                }
            }
        }

        _logger.InformerListed(snapshot.Items.Count, Kind, scope, snapshot.ResourceVersion);
        return snapshot.ResourceVersion;
    }

    private async Task<WatchOutcome> WatchAsync(IListWatch<T> source, string resourceVersion, CancellationToken cancellationToken)
    {
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gone = false;
        Exception? failure = null;
        var events = 0;

        void OnError(Exception ex)
        {
            if (KubernetesErrors.IsGone(ex))
            {
                gone = true;
                watchStop.Cancel();
            }
            else if (ex is KubernetesException)
            {
                failure = ex;
                watchStop.Cancel();
            }
            else
            {
                // An unparseable line: the stream goes on.
                _logger.InformerWatchError(ex, Kind, source.Namespace ?? "all namespaces");
            }
        }

        try
        {
            await foreach (var (type, item) in source.WatchAsync(resourceVersion, OnError, watchStop.Token).ConfigureAwait(false))
            {
                events++;
                if (type != WatchEventType.Bookmark)
                {
                    lock (_gate) Apply(type, item);
                }

                resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && (gone || failure is not null))
        {
            // Stopped by OnError.
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The call failed (HTTP 410 included) or the connection broke; what was delivered until then counts.
            gone |= KubernetesErrors.IsGone(ex);
            failure ??= ex;
        }

        return new WatchOutcome(resourceVersion, gone, failure, events);
    }

    /// <summary>Applies one change to the cache and tells the handlers, unless the cache already has that version.</summary>
    private void Apply(WatchEventType type, T item)
    {
        if (type == WatchEventType.Deleted)
        {
            if (Cache.Remove(ResourceKey.Of(item)) is { } removed)
            {
                Dispatch(new InformerEvent<T>(InformerEventType.Deleted, item.Metadata.ResourceVersion is null ? removed : item));
            }

            return;
        }

        if (type is not (WatchEventType.Added or WatchEventType.Modified))
        {
            return;
        }

        var previous = Cache.Upsert(item);
        if (previous is null)
        {
            Dispatch(new InformerEvent<T>(InformerEventType.Added, item));
        }
        else if (previous.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
        {
            Dispatch(new InformerEvent<T>(InformerEventType.Updated, item, previous));
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.ResyncInterval, _time, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    foreach (var item in Cache.List())
                    {
                        Dispatch(new InformerEvent<T>(InformerEventType.Updated, item, item));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Dispatch(InformerEvent<T> change)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, change);
        }
    }

    private void Invoke(Action<InformerEvent<T>> handler, InformerEvent<T> change)
    {
        try
        {
            handler(change);
        }
        catch (Exception ex)
        {
            _logger.InformerHandlerFailed(ex, Kind);
        }
    }

    private sealed record WatchOutcome(string ResourceVersion, bool Gone, Exception? Failure, int Events);
}
