namespace Cerby.Operator.Runtime.Controllers;

/// <summary>How a reconcile ended, when it did not throw (a throw is retried with per-key backoff).</summary>
internal enum ReconcileOutcome
{
    /// <summary>Done; the key runs again only when something it watches changes.</summary>
    Success,

    /// <summary>Done for now; run again after <see cref="ReconcileResult.Delay"/> (the backoff is reset).</summary>
    RequeueAfter,

    /// <summary>Cannot succeed until the object changes; not retried, but logged and counted.</summary>
    Terminal,
}

/// <summary>The result of <see cref="IReconciler.ReconcileAsync"/>, with controller-runtime's three outcomes.</summary>
internal sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, string? message) =>
        (Outcome, Delay, Message) = (outcome, delay, message);

    public static ReconcileResult Success { get; } = new(ReconcileOutcome.Success, TimeSpan.Zero, null);

    public ReconcileOutcome Outcome { get; }

    /// <summary>The delay of a <see cref="ReconcileOutcome.RequeueAfter"/> result.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Why a <see cref="ReconcileOutcome.Terminal"/> result cannot succeed.</summary>
    public string? Message { get; }

    /// <summary>Run the key again after <paramref name="delay"/> (e.g. the resync interval), with the backoff reset.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        return new ReconcileResult(ReconcileOutcome.RequeueAfter, delay, null);
    }

    /// <summary>Give up until the object changes: the input cannot succeed (the caller also sets a condition and an event).</summary>
    public static ReconcileResult Terminal(string message) => new(ReconcileOutcome.Terminal, TimeSpan.Zero, message);

    public override string ToString() => Outcome switch
    {
        ReconcileOutcome.RequeueAfter => $"requeue after {Delay}",
        ReconcileOutcome.Terminal => $"terminal: {Message}",
        _ => "success",
    };
}
