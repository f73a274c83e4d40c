using Cerby.Operator.Runtime.WorkQueues;

namespace Cerby.Operator.Runtime.Controllers;

/// <summary>Settings of one <see cref="Controller"/>.</summary>
internal sealed record ControllerOptions
{
    /// <summary>Keys reconciled at once (never the same key twice).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>A reconcile running longer is cancelled and retried with backoff; null for no limit.</summary>
    public TimeSpan? ReconcileTimeout { get; init; }

    public WorkQueueOptions Queue { get; init; } = new();
}
