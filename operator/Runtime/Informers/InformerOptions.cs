namespace Cerby.Operator.Runtime.Informers;

/// <summary>Timings of a <see cref="ResourceInformer{T}"/>.</summary>
internal sealed record InformerOptions
{
    /// <summary>How often every cached object is handed to the handlers again as an update (zero turns it off).</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The server closes each watch after about this long; the informer then watches again from where it was.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay before reconnecting after a failed list or watch.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between reconnection attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
