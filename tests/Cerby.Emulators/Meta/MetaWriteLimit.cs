namespace Cerby.Emulators.Meta;

/// <summary>
/// An app that throttles parallel writes: with <see cref="Limit"/> set, a POST or DELETE arriving while that many
/// writes are being answered gets HTTP 429 with <c>Retry-After</c> <see cref="RetryAfter"/> and Graph code 4 (the
/// generic retry contract; Meta's own budget answers are in <see cref="MetaThrottling"/>). Counts what it throttled.
/// </summary>
internal sealed class MetaWriteLimit
{
    private readonly Lock gate = new();
    private int inFlight;
    private int throttled;
    private int maxInFlight;

    /// <summary>Writes answered at the same time before the next is throttled; null (the default) throttles none.</summary>
    public int? Limit { get; set; }

    /// <summary>The Retry-After of a throttled write.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Writes answered 429 so far.</summary>
    public int Throttled => Volatile.Read(ref throttled);

    /// <summary>The most writes being answered (not throttled) at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>A write arrived: null when it is throttled, else a scope counting it in flight until disposed.</summary>
    public IDisposable? Enter()
    {
        lock (gate)
        {
            if (Limit is { } limit && inFlight >= limit)
            {
                throttled++;
                return null;
            }

            inFlight++;
            maxInFlight = Math.Max(maxInFlight, inFlight);
            return new Leaving(this);
        }
    }

    private void Leave()
    {
        lock (gate)
        {
            inFlight--;
        }
    }

    private sealed class Leaving(MetaWriteLimit owner) : IDisposable
    {
        public void Dispose() => owner.Leave();
    }
}
