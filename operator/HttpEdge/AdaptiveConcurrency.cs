namespace Cerby.Operator.HttpEdge;

/// <summary>
/// How many of one app's writes may be in flight, adapted to its throttling (AIMD, as TCP's congestion window): the
/// limit starts at the ceiling, grows by one per round of successful writes (one per <c>limit</c> successes) up to the
/// ceiling, and halves when the app throttles, at most once per round (the writes already in flight when it halved
/// were sent under the old limit, so their throttles do not halve it again). A throttle also pauses every write and
/// every attempt of the writers, until the wait the app asked for (Retry-After, a rate-limit reset) or
/// <see cref="DefaultPause"/> when it named none. Shared by one hub's writes across its syncs.
/// </summary>
/// <remarks>
/// Written here rather than taken from System.Threading.RateLimiting or Polly: their concurrency limiters have a
/// fixed permit count set at construction, and neither has a shared pause-until; this is the few lines that adds both.
/// </remarks>
internal sealed class AdaptiveConcurrency(TimeProvider time)
{
    /// <summary>How long writes pause after a throttle that names no wait.</summary>
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly List<TaskCompletionSource> waiters = [];
    private int ceiling;
    private double limit;
    private int inFlight;
    private int round;
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;

    /// <summary>The writes allowed in flight now (1 to the ceiling).</summary>
    public int Limit
    {
        get
        {
            lock (gate)
            {
                return Permits();
            }
        }
    }

    /// <summary>Throttles that halved the limit, since it was made.</summary>
    public int Decreases
    {
        get
        {
            lock (gate)
            {
                return round;
            }
        }
    }

    /// <summary>Sets the most writes in flight (the hub's setting); a changed ceiling restarts the limit at it.</summary>
    public void SetCeiling(int most)
    {
        most = Math.Max(1, most);
        lock (gate)
        {
            if (most == ceiling)
            {
                return;
            }

            ceiling = most;
            limit = most;
        }

        Wake();
    }

    /// <summary>Waits for a place among the writes in flight, and for any pause to end.</summary>
    public async Task<Permit> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan pause;
            Task? freed = null;
            lock (gate)
            {
                pause = pausedUntil - time.GetUtcNow();
                if (pause <= TimeSpan.Zero && inFlight < Permits())
                {
                    inFlight++;
                    return new Permit(this, round);
                }

                if (pause <= TimeSpan.Zero)
                {
                    var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    waiters.Add(waiter);
                    freed = waiter.Task;
                }
            }

            await (freed is null ? Task.Delay(pause, time, cancellationToken) : freed.WaitAsync(cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the pause a throttle set is over (nothing when there is none).</summary>
    public async ValueTask WaitOutPauseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan pause;
            lock (gate)
            {
                pause = pausedUntil - time.GetUtcNow();
            }

            if (pause <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the throttle halved the limit (the first of its round).</summary>
    private bool Throttled(int permitRound, TimeSpan? wait)
    {
        var halved = false;
        lock (gate)
        {
            var until = time.GetUtcNow() + (wait is { } asked && asked > TimeSpan.Zero ? asked : DefaultPause);
            if (until > pausedUntil)
            {
                pausedUntil = until;
            }

            if (permitRound == round)
            {
                limit = Math.Max(1, Math.Floor(Permits() / 2.0));
                round++;
                halved = true;
            }
        }

        return halved;
    }

    private void Succeeded()
    {
        lock (gate)
        {
            limit = Math.Min(ceiling, limit + (1.0 / Permits()));
        }
    }

    private void Release()
    {
        lock (gate)
        {
            inFlight--;
        }

        Wake();
    }

    private void Wake()
    {
        List<TaskCompletionSource> woken;
        lock (gate)
        {
            woken = [.. waiters];
            waiters.Clear();
        }

        foreach (var waiter in woken)
        {
            waiter.TrySetResult();
        }
    }

    private int Permits() => Math.Max(1, (int)Math.Min(limit, Math.Max(1, ceiling)));

    /// <summary>One write's place in flight: told how the write went, released when disposed.</summary>
    internal sealed class Permit(AdaptiveConcurrency owner, int round) : IThrottleListener, IDisposable
    {
        private int released;

        /// <inheritdoc />
        public ValueTask WaitOutPauseAsync(CancellationToken cancellationToken) => owner.WaitOutPauseAsync(cancellationToken);

        /// <inheritdoc />
        public bool Throttled(TimeSpan? wait) => owner.Throttled(round, wait);

        /// <summary>The write went through: the limit may grow.</summary>
        public void Succeeded() => owner.Succeeded();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
