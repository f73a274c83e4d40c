namespace Cerby.Operator.Runtime.WorkQueues;

/// <summary>
/// A fair, stingy queue of keys, after client-go's workqueue: a key is queued once however many times it is added before a
/// worker takes it; a key is never handed to two workers at once (added while processing, it is queued again on
/// <see cref="Done"/>); <see cref="AddRateLimited"/> requeues after the longer of a per-key exponential backoff and an overall
/// token bucket; <see cref="AddAfter"/> waits on the <see cref="TimeProvider"/>. A worker calls <see cref="Done"/> for every
/// key it got, and <see cref="Forget"/> when the key succeeded (resetting its backoff).
/// <see cref="ShutDownAsync"/> stops handing out keys (queued and delayed keys are dropped: the next start lists everything
/// again) and completes when the keys being processed are done.
/// </summary>
internal sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, (DateTimeOffset Due, ITimer Timer)> _delayed = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly SemaphoreSlim _ready = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WorkQueueOptions _options;
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;
    private bool _shuttingDown;

    public WorkQueue(WorkQueueOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _bucket = new TokenBucket(options.TokensPerSecond, options.Burst, time);
    }

    /// <summary>Keys waiting for a worker (not counting delayed ones or those being processed).</summary>
    public int Count
    {
        get { lock (_lock) return _queue.Count; }
    }

    /// <summary>Queues the key unless it is already queued; a key being processed runs again after <see cref="Done"/>.</summary>
    public void Add(TKey key)
    {
        lock (_lock) AddLocked(key);
    }

    /// <summary>Adds the key once the delay has passed; of several pending delays for a key, the earliest wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var timer = _time.CreateTimer(_ => AddDelayed(key, due), null, delay, Timeout.InfiniteTimeSpan);
            _delayed[key] = (due, timer);
        }
    }

    /// <summary>Requeues a key that failed: after its own exponential backoff, and no faster than the overall rate.</summary>
    public void AddRateLimited(TKey key)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            var perKeyMs = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, failures));
            var overall = _bucket.Reserve();
            delay = TimeSpan.FromMilliseconds(Math.Max(perKeyMs, overall.TotalMilliseconds));
        }

        AddAfter(key, delay);
    }

    /// <summary>Resets the key's backoff (after it succeeded).</summary>
    public void Forget(TKey key)
    {
        lock (_lock) _failures.Remove(key);
    }

    /// <summary>How many times in a row the key failed.</summary>
    public int Failures(TKey key)
    {
        lock (_lock) return _failures.GetValueOrDefault(key);
    }

    /// <summary>Waits for a key; returns false once the queue is shutting down.</summary>
    public async Task<(bool Got, TKey Key)> GetAsync(CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        while (true)
        {
            lock (_lock)
            {
                if (_shuttingDown)
                {
                    return (false, default!);
                }

                if (_queue.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    return (true, key);
                }
            }

            try
            {
                await _ready.WaitAsync(wake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Shut down: the loop returns false.
            }
        }
    }

    /// <summary>Marks the key processed; if it was added meanwhile it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_shuttingDown)
            {
                if (_processing.Count == 0)
                {
                    _drained.TrySetResult();
                }

                return;
            }

            if (_dirty.Contains(key))
            {
                _queue.Enqueue(key);
                _ready.Release();
            }
        }
    }

    /// <summary>Stops handing out keys and completes when every key being processed is <see cref="Done"/>.</summary>
    public Task ShutDownAsync()
    {
        lock (_lock)
        {
            if (!_shuttingDown)
            {
                _shuttingDown = true;
                foreach (var (_, timer) in _delayed.Values)
                {
                    timer.Dispose();
                }

                _delayed.Clear();
                _queue.Clear();
                _dirty.Clear();
                if (_processing.Count == 0)
                {
                    _drained.TrySetResult();
                }
            }
        }

        _shutdown.Cancel();
        return _drained.Task;
    }

    public void Dispose()
    {
        _ = ShutDownAsync();
        _shutdown.Dispose();
        _ready.Dispose();
    }

    private void AddDelayed(TKey key, DateTimeOffset due)
    {
        lock (_lock)
        {
            if (!_delayed.TryGetValue(key, out var pending) || pending.Due != due)
            {
                return;
            }

            _delayed.Remove(key);
            pending.Timer.Dispose();
            AddLocked(key);
        }
    }

    private void AddLocked(TKey key)
    {
        if (_shuttingDown || !_dirty.Add(key) || _processing.Contains(key))
        {
            return;
        }

        _queue.Enqueue(key);
        _ready.Release();
    }
}
