namespace Cerby.Operator.Runtime;

/// <summary>
/// Capped exponential backoff with jitter: each <see cref="Next"/> doubles the base delay up to <c>max</c> and adds up to
/// <c>jitter</c> of it at random, so many clients that failed together do not retry together. Not thread-safe.
/// </summary>
internal sealed class ExponentialBackoff(TimeSpan initial, TimeSpan max, double jitter = 0.2, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _attempts;

    /// <summary>The delay before the next attempt.</summary>
    public TimeSpan Next()
    {
        var baseMs = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, _attempts));
        _attempts = Math.Min(_attempts + 1, 62);
        return TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, baseMs * (1 + jitter * _random.NextDouble())));
    }

    /// <summary>Starts again from the initial delay (after a success).</summary>
    public void Reset() => _attempts = 0;
}
