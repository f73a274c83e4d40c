using System.Diagnostics;

namespace Cerby.Operator.Bench.Scenarios;

/// <summary>
/// Where planning spent its time and its allocations, summed over calls: indexing (AccessModel.Build, or
/// AccessModel.Apply on the incremental path), Desired, and AccessPlanner.Plan. Timestamps and the thread's allocation
/// counter cost tens of nanoseconds, nothing next to what they frame.
/// </summary>
internal sealed class PlanSections
{
    private long _index;
    private long _desired;
    private long _plan;

    public TimeSpan Index => Stopwatch.GetElapsedTime(0, _index);

    public TimeSpan Desired => Stopwatch.GetElapsedTime(0, _desired);

    public TimeSpan Plan => Stopwatch.GetElapsedTime(0, _plan);

    /// <summary>Bytes the planning thread allocated in each section.</summary>
    public long IndexBytes { get; private set; }

    public long DesiredBytes { get; private set; }

    public long PlanBytes { get; private set; }

    /// <summary>The thread's allocation counter, to frame a section with.</summary>
    public static long Allocated() => GC.GetAllocatedBytesForCurrentThread();

    public void AddIndex(long from, long to, long bytes = 0) => (_index, IndexBytes) = (_index + to - from, IndexBytes + bytes);

    public void AddDesired(long from, long to, long bytes = 0) => (_desired, DesiredBytes) = (_desired + to - from, DesiredBytes + bytes);

    public void AddPlan(long from, long to, long bytes = 0) => (_plan, PlanBytes) = (_plan + to - from, PlanBytes + bytes);
}
