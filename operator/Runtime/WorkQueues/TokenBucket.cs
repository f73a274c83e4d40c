namespace Cerby.Operator.Runtime.WorkQueues;

/// <summary>
/// The overall rate limit: a bucket of <c>burst</c> tokens refilled at <c>tokensPerSecond</c>. <see cref="Reserve"/> always
/// takes a token and returns how long to wait for it (zero while the bucket holds tokens), like Go's rate.Limiter.
/// Not thread-safe: the work queue calls it under its lock.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _tokensPerSecond;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(double tokensPerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        (_tokensPerSecond, _burst, _time) = (tokensPerSecond, burst, time);
        _tokens = burst;
        _last = time.GetUtcNow();
    }

    public TimeSpan Reserve()
    {
        var now = _time.GetUtcNow();
        _tokens = Math.Min(_burst, _tokens + (now - _last).TotalSeconds * _tokensPerSecond);
        _last = now;
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _tokensPerSecond);
    }
}
