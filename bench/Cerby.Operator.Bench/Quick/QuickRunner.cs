using System.Diagnostics;
using System.Runtime;
using Cerby.Operator.Bench.Scenarios;
using Cerby.Operator.Bench.World;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Bench.Quick;

/// <summary>
/// The quick pass: builds the world once, measures memory during one full plan, then times full plans and single
/// membership changes with a Stopwatch after a warm-up, and reports each figure against its target.
/// </summary>
internal static class QuickRunner
{
    private const int FullPlanWarmups = 1;
    private const int FullPlanRuns = 10;
    private const int IncrementalWarmupChanges = 16;
    private const int IncrementalRounds = 4;

    public static void Run(TextWriter output)
    {
        output.WriteLine($"cerby-operator planner benchmark, quick pass — {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                         $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}), {(Debugger.IsAttached ? "debugger attached" : "no debugger")}");
        var world = BenchWorld.Create(WorldShape.Issue, measure: true);
        WorldReport.PrintWorld(output, world);

        var memory = MeasureMemory(world, output);
        var full = TimeFullPlans(world);
        var incremental = TimeIncremental(world);

        output.WriteLine();
        output.WriteLine($"full plan (AccessModel.Build + Desired + Plan for {world.Actual.Count:N0} hubs), {FullPlanWarmups} warm-up + {FullPlanRuns} runs:");
        output.WriteLine($"  {full.Timings}");
        output.WriteLine($"  sections, median of runs: Build {Units.Millis(full.Build)}, Desired (all hubs) {Units.Millis(full.Desired)}, Plan (all hubs) {Units.Millis(full.Plan)}");
        output.WriteLine($"  allocated per full plan: {Units.Megabytes(full.AllocatedBytes)} = Build {Units.Megabytes(full.BuildBytes)} + Desired {Units.Megabytes(full.DesiredBytes)} + Plan {Units.Megabytes(full.PlanBytes)} (+ the list of plans)");
        var fullMet = full.Timings.P95 < Targets.FullPlan.TotalMilliseconds;
        output.WriteLine($"  target p95 < {Units.Millis(Targets.FullPlan.TotalMilliseconds)}: {Targets.Verdict(fullMet)}");

        output.WriteLine();
        output.WriteLine($"incremental (Apply + Desired + Plan of the returned hubs), {IncrementalWarmupChanges * 2} warm-up + {incremental.Timings.Count} changes " +
                         $"(each of {world.Changes.Count} adds of one user to one group, and its revert, {IncrementalRounds} times):");
        output.WriteLine($"  {incremental.Timings}");
        output.WriteLine($"  hubs planned per change: {incremental.Hubs:F2} on average (max {incremental.MaxHubs}); changes in their plans: {incremental.Changes:F1} on average");
        var perChange = (double)incremental.Timings.Count;
        output.WriteLine($"  sections, mean per change: Apply {Units.Millis(incremental.Sections.Index.TotalMilliseconds / perChange)}, " +
                         $"Desired {Units.Millis(incremental.Sections.Desired.TotalMilliseconds / perChange)}, Plan {Units.Millis(incremental.Sections.Plan.TotalMilliseconds / perChange)}");
        output.WriteLine($"  allocated per change: {incremental.AllocatedBytes / 1024.0:F1} KB = Apply {incremental.Sections.IndexBytes / perChange / 1024.0:F1} KB + " +
                         $"Desired {incremental.Sections.DesiredBytes / perChange / 1024.0:F1} KB + Plan {incremental.Sections.PlanBytes / perChange / 1024.0:F1} KB");
        var incrementalMet = incremental.Timings.P95 < Targets.Incremental.TotalMilliseconds;
        output.WriteLine($"  target p95 < {Units.Millis(Targets.Incremental.TotalMilliseconds)}: {Targets.Verdict(incrementalMet)}");

        output.WriteLine();
        PrintMemory(output, world, memory);
        var memoryMet = memory.Peak.PeakBytes < Targets.PeakManagedBytes;
        output.WriteLine($"  target peak < {Units.Megabytes(Targets.PeakManagedBytes)}: {Targets.Verdict(memoryMet)}");

        output.WriteLine();
        output.WriteLine($"summary: full plan {Targets.Verdict(fullMet)} ({Units.Millis(full.Timings.P95)} p95), " +
                         $"incremental {Targets.Verdict(incrementalMet)} ({Units.Millis(incremental.Timings.P95)} p95), " +
                         $"peak managed memory {Targets.Verdict(memoryMet)} ({Units.Megabytes(memory.Peak.PeakBytes)})");
    }

    private sealed record MemoryFigures(long ModelBytes, long HeapBeforeBytes, long PlansBytes, MemoryPeak Peak, long PeakWorkingSet);

    private static MemoryFigures MeasureMemory(BenchWorld world, TextWriter output)
    {
        var modelBytes = RetainedBy(() => AccessModel.Build(world.Declared, world.Identity, world.Now));
        var heapBefore = GC.GetTotalMemory(true);
        var (result, peak) = MemoryProbe.Measure(() => FullPlan.Run(world));
        var plansBytes = GC.GetTotalMemory(true) - heapBefore;
        GC.KeepAlive(result);
        using var process = Process.GetCurrentProcess();
        WorldReport.PrintPlans(output, world, result);
        return new MemoryFigures(modelBytes, heapBefore, plansBytes, peak, process.PeakWorkingSet64);
    }

    private static void PrintMemory(TextWriter output, BenchWorld world, MemoryFigures memory)
    {
        var footprint = world.Footprint!;
        var peak = memory.Peak;
        output.WriteLine("memory (managed heap; MB = 2^20 bytes):");
        output.WriteLine($"  world retained: {Units.Megabytes(footprint.TotalBytes)} = declared resources + IdP snapshot {Units.Megabytes(footprint.DeclaredAndIdentityBytes)} + app state {Units.Megabytes(footprint.ActualBytes)}  (GC.GetTotalMemory(true) around its construction)");
        output.WriteLine($"  AccessModel retained: {Units.Megabytes(memory.ModelBytes)}; 1,000 plans retained: {Units.Megabytes(memory.PlansBytes)}");
        output.WriteLine($"  heap before the full plan (world + runtime): {Units.Megabytes(memory.HeapBeforeBytes)}");
        output.WriteLine($"  peak during one full plan, world included: {Units.Megabytes(peak.PeakBytes)} " +
                         $"(sampled in-use max {Units.Megabytes(peak.PeakInUseBytes)}, largest heap before a GC {Units.Megabytes(peak.PeakBeforeGcBytes)}); " +
                         $"above the heap before: {Units.Megabytes(peak.PeakBytes - memory.HeapBeforeBytes)}");
        output.WriteLine($"  largest heap after a GC during it: {Units.Megabytes(peak.PeakAfterGcBytes)}; allocated: {Units.Megabytes(peak.AllocatedBytes)}; " +
                         $"GCs gen0/gen1/gen2: {peak.Gen0}/{peak.Gen1}/{peak.Gen2} ({peak.GcsObserved} seen by the sampler)");
        output.WriteLine($"  process peak working set after it (whole process: runtime, JIT, world building): {Units.Megabytes(memory.PeakWorkingSet)}");
    }

    private static long RetainedBy(Func<object> build)
    {
        var before = GC.GetTotalMemory(true);
        var built = build();
        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(built);
        return after - before;
    }

    private sealed record FullPlanFigures(Distribution Timings, double Build, double Desired, double Plan, long AllocatedBytes, long BuildBytes, long DesiredBytes, long PlanBytes);

    private static FullPlanFigures TimeFullPlans(BenchWorld world)
    {
        for (var i = 0; i < FullPlanWarmups; i++)
        {
            GC.KeepAlive(FullPlan.Run(world));
        }

        var totals = new List<double>();
        var sections = new List<PlanSections>();
        var allocated = new List<long>();
        for (var i = 0; i < FullPlanRuns; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var section = new PlanSections();
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            GC.KeepAlive(FullPlan.Run(world, section));
            totals.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - bytes);
            sections.Add(section);
        }

        return new FullPlanFigures(
            Distribution.Of(totals),
            Distribution.Of(sections.Select(s => s.Index.TotalMilliseconds).ToList()).Median,
            Distribution.Of(sections.Select(s => s.Desired.TotalMilliseconds).ToList()).Median,
            Distribution.Of(sections.Select(s => s.Plan.TotalMilliseconds).ToList()).Median,
            (long)allocated.Average(),
            (long)sections.Average(s => s.IndexBytes),
            (long)sections.Average(s => s.DesiredBytes),
            (long)sections.Average(s => s.PlanBytes));
    }

    private sealed record IncrementalFigures(Distribution Timings, double Hubs, int MaxHubs, double Changes, double AllocatedBytes, PlanSections Sections);

    private static IncrementalFigures TimeIncremental(BenchWorld world)
    {
        var incremental = new IncrementalPlan(world);
        foreach (var change in world.Changes.Take(IncrementalWarmupChanges))
        {
            incremental.Apply(change.After);
            incremental.Apply(change.Before);
        }

        GC.Collect();
        var timings = new List<double>();
        var results = new List<IncrementalResult>();
        var sections = new PlanSections();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < IncrementalRounds; round++)
        {
            foreach (var change in world.Changes)
            {
                foreach (var group in new[] { change.After, change.Before })
                {
                    var started = Stopwatch.GetTimestamp();
                    results.Add(incremental.Apply(group, sections));
                    timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)timings.Count;
        return new IncrementalFigures(Distribution.Of(timings), results.Average(r => r.Hubs), results.Max(r => r.Hubs), results.Average(r => r.Changes), allocated, sections);
    }
}
