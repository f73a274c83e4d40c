namespace Cerby.Operator.Runtime.Controllers;

/// <summary>The controllers the operator runs while it leads (or always, without leader election).</summary>
internal sealed class ControllerSet(IReadOnlyList<Controller> controllers)
{
    /// <summary>Runs every controller until cancelled; returns once all drained.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(controllers.Select(c => c.RunAsync(cancellationToken)));
}
