using System.Diagnostics;

namespace Cerby.Operator.Bench.Scenarios;

/// <summary>
/// Where planning spent its time, summed over calls: indexing (AccessModel.Build, or AccessModel.Apply on the incremental
/// path), Desired, and AccessPlanner.Plan. Timestamps cost tens of nanoseconds, nothing next to what they frame.
/// </summary>
internal sealed class PlanSections
{
    private long _index;
    private long _desired;
    private long _plan;

    public TimeSpan Index => Stopwatch.GetElapsedTime(0, _index);

    public TimeSpan Desired => Stopwatch.GetElapsedTime(0, _desired);

    public TimeSpan Plan => Stopwatch.GetElapsedTime(0, _plan);

    public void AddIndex(long from, long to) => _index += to - from;

    public void AddDesired(long from, long to) => _desired += to - from;

    public void AddPlan(long from, long to) => _plan += to - from;
}
