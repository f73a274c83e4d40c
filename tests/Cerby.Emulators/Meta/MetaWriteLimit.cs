using System.Diagnostics;

namespace Cerby.Emulators.Meta;

/// <summary>
/// An app that punishes parallel writes, as GitHub's secondary rate limit and Meta's "wait to regain access" do: with
/// <see cref="Limit"/> set, a POST or DELETE arriving while that many writes are being answered blocks the app's writes
/// for <see cref="RetryAfter"/>; it and every write arriving during the block get HTTP 429 with <c>Retry-After</c> (the
/// time left) and Graph code 4. Counts what it throttled.
/// </summary>
internal sealed class MetaWriteLimit
{
    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan blockedUntil;
    private int inFlight;
    private int throttled;
    private int maxInFlight;

    /// <summary>Writes answered at the same time before the next one blocks the app; null (the default) throttles none.</summary>
    public int? Limit { get; set; }

    /// <summary>How long a write past the limit blocks the app's writes.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Writes answered 429 so far.</summary>
    public int Throttled => Volatile.Read(ref throttled);

    /// <summary>The most writes being answered (not throttled) at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>A write arrived: in flight until the scope is disposed, or throttled (<see cref="Entry.Scope"/> null) with the wait left.</summary>
    public Entry Enter()
    {
        lock (gate)
        {
            var now = clock.Elapsed;
            if (Limit is { } limit && (now < blockedUntil || inFlight >= limit))
            {
                if (now >= blockedUntil)
                {
                    blockedUntil = now + RetryAfter;
                }

                throttled++;
                return new Entry(null, blockedUntil - now);
            }

            inFlight++;
            maxInFlight = Math.Max(maxInFlight, inFlight);
            return new Entry(new Leaving(this), TimeSpan.Zero);
        }
    }

    private void Leave()
    {
        lock (gate)
        {
            inFlight--;
        }
    }

    /// <summary>What a write got: a place in flight, or the wait to ask for.</summary>
    internal sealed record Entry(IDisposable? Scope, TimeSpan Wait);

    private sealed class Leaving(MetaWriteLimit owner) : IDisposable
    {
        public void Dispose() => owner.Leave();
    }
}
