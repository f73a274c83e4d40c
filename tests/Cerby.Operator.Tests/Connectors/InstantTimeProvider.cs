using System.Collections.Concurrent;

namespace Cerby.Operator.Tests.Connectors;

/// <summary>A clock whose timers fire after a millisecond whatever was asked, recording the waits asked for, so retry tests do not sleep.</summary>
public sealed class InstantTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();

    /// <summary>Every timer's requested due time, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        waits.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.FromMilliseconds(1), period);
    }
}
