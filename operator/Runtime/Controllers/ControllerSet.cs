namespace Cerby.Operator.Runtime.Controllers;

/// <summary>
/// What the operator runs while it leads (or always, without leader election): the controllers, and background tasks
/// that must stop with them (identity watchers, event publishers), each given the leadership token.
/// </summary>
internal sealed class ControllerSet(IReadOnlyList<Controller> controllers, IReadOnlyList<Func<CancellationToken, Task>>? leaderTasks = null)
{
    /// <summary>Runs every controller and task until cancelled; returns once all drained.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(controllers.Select(c => c.RunAsync(cancellationToken))
            .Concat((leaderTasks ?? []).Select(task => Task.Run(() => task(cancellationToken), CancellationToken.None))));
}
