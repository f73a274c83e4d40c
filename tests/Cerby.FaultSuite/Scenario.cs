using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite;

/// <summary>One finding, reproduced in a world of its own; named so that <c>--only NAME</c> runs it alone.</summary>
/// <param name="name">The name <c>--only</c> takes.</param>
/// <param name="finding">The finding, one line.</param>
internal abstract class Scenario(string name, string finding)
{
    /// <summary>How long something a sound operator does at once may take on a loaded 2-core machine.</summary>
    protected static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    /// <summary>How long the operator gets to act on the fault's consequence (a removal, a lower role) before it counts as left behind.</summary>
    protected static readonly TimeSpan ActDeadline = TimeSpan.FromSeconds(20);

    public string Name { get; } = name;

    public string Finding { get; } = finding;

    public abstract Task RunAsync(FaultWorld world, ScenarioResult result, CancellationToken cancellationToken);

    /// <summary>Waits for a set-up condition; missing it ends the scenario with an error (nothing was measured yet).</summary>
    protected static async Task<TimeSpan> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan deadline, string what, CancellationToken cancellationToken) =>
        await Sandbox.Deadline.UntilAsync(condition, deadline, what, cancellationToken);

    /// <summary>Waits for a measured condition; the caller counts what is still wrong when the deadline passes.</summary>
    protected static async Task<bool> WithinAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken) =>
        (await Sandbox.Deadline.WaitAsync(condition, deadline, cancellationToken)).Reached;
}
