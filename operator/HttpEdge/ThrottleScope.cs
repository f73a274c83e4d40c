namespace Cerby.Operator.HttpEdge;

/// <summary>What a group of requests run together (one app's parallel writes) is told by the edge.</summary>
internal interface IThrottleListener
{
    /// <summary>Held before each attempt: the pause a throttle of any request of the group asked for.</summary>
    ValueTask WaitOutPauseAsync(CancellationToken cancellationToken);

    /// <summary>The API throttled one of the group's requests, asking for <paramref name="wait"/> (null when it named none); true when this throttle lowered the group's limit.</summary>
    bool Throttled(TimeSpan? wait);
}

/// <summary>
/// The listener of the requests sent from the current async flow, so that a throttle the edge sees, deep in a
/// connector, reaches the caller that runs the writes in parallel (<see cref="AdaptiveConcurrency"/>), and that caller's
/// pause holds every attempt back, without each connector passing it along. An <see cref="AsyncLocal{T}"/>, as
/// <c>Activity.Current</c>: set for one write, it flows into the calls that write awaits and no further.
/// </summary>
internal static class ThrottleScope
{
    private static readonly AsyncLocal<IThrottleListener?> Listener = new();

    /// <summary>The listener of the current flow, if any.</summary>
    public static IThrottleListener? Current => Listener.Value;

    /// <summary>Makes <paramref name="listener"/> current until the returned scope is disposed.</summary>
    public static IDisposable Enter(IThrottleListener listener)
    {
        var previous = Listener.Value;
        Listener.Value = listener;
        return new Restore(previous);
    }

    private sealed class Restore(IThrottleListener? previous) : IDisposable
    {
        public void Dispose() => Listener.Value = previous;
    }
}
