namespace Cerby.Operator.Runtime.Controllers;

/// <summary>How a reconcile ended, when it did not throw (a throw is retried with per-key backoff).</summary>
internal enum ReconcileOutcome
{
    /// <summary>Done; the key runs again when something it watches changes, and after <see cref="ReconcileResult.Delay"/> when one is set (a periodic resync).</summary>
    Success,

    /// <summary>Not done: something failed or is not ready (an app that did not answer, a missing Secret); run again after <see cref="ReconcileResult.Delay"/> (the backoff is reset).</summary>
    RequeueAfter,

    /// <summary>Cannot succeed until the object changes; not retried, but logged and counted.</summary>
    Terminal,
}

/// <summary>
/// The result of <see cref="IReconciler.ReconcileAsync"/>. Success (optionally with a resync delay), a retry after a delay,
/// or terminal. The result label of <c>cerby_reconcile_total</c> follows the outcome: a reconcile that converged and
/// only asks to be looked at again later is a success; <c>requeue_after</c> means it did not converge.
/// </summary>
internal sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, string? message) =>
        (Outcome, Delay, Message) = (outcome, delay, message);

    public static ReconcileResult Success { get; } = new(ReconcileOutcome.Success, TimeSpan.Zero, null);

    public ReconcileOutcome Outcome { get; }

    /// <summary>When to run the key again: the retry delay of <see cref="ReconcileOutcome.RequeueAfter"/>, or the resync delay of a success (zero: none).</summary>
    public TimeSpan Delay { get; }

    /// <summary>Why a <see cref="ReconcileOutcome.Terminal"/> result cannot succeed.</summary>
    public string? Message { get; }

    /// <summary>Succeeded; look again after <paramref name="delay"/> anyway (a resync interval, a check that changes took).</summary>
    public static ReconcileResult ResyncAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        return new ReconcileResult(ReconcileOutcome.Success, delay, null);
    }

    /// <summary>Did not converge (a failure, something not ready): run the key again after <paramref name="delay"/>, with the backoff reset.</summary>
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
        _ when Delay > TimeSpan.Zero => $"success, resync after {Delay}",
        _ => "success",
    };
}
