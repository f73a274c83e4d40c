namespace Cerby.Operator.Bench.Quick;

/// <summary>What the managed heap did while an action ran.</summary>
/// <param name="PeakInUseBytes">Highest <see cref="GC.GetTotalMemory(bool)"/> (no collection) seen by the sampler: live objects plus garbage not yet collected.</param>
/// <param name="PeakBeforeGcBytes">Largest heap seen just before a collection (sum of the generations' SizeBeforeBytes of the GCs the sampler observed).</param>
/// <param name="PeakAfterGcBytes">Largest heap right after a collection (GCMemoryInfo.HeapSizeBytes).</param>
/// <param name="AllocatedBytes">Bytes allocated by the action's thread (what BenchmarkDotNet's MemoryDiagnoser reports).</param>
internal sealed record MemoryPeak(long PeakInUseBytes, long PeakBeforeGcBytes, long PeakAfterGcBytes, long AllocatedBytes, int Gen0, int Gen1, int Gen2, int GcsObserved)
{
    /// <summary>The figure compared with the target: the higher of the two peak estimates.</summary>
    public long PeakBytes => Math.Max(PeakInUseBytes, PeakBeforeGcBytes);
}

/// <summary>
/// Runs an action while a background thread samples the managed heap every millisecond. Peaks happen just before a
/// collection, which the GC's own figures (SizeBeforeBytes) capture exactly for the GCs the sampler sees; the sampled
/// in-use figure covers the rest, to within about a millisecond of allocation.
/// </summary>
internal static class MemoryProbe
{
    public static (T Result, MemoryPeak Peak) Measure<T>(Func<T> action)
    {
        var counts = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var sampler = new Sampler(GC.GetGCMemoryInfo(GCKind.Any).Index);
        var thread = new Thread(sampler.Run) { IsBackground = true, Name = "heap sampler" };
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        thread.Start();
        var result = action();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        sampler.Stop();
        thread.Join();
        sampler.Sample();
        return (result, new MemoryPeak(
            sampler.MaxInUse, sampler.MaxBeforeGc, sampler.MaxAfterGc, allocated,
            GC.CollectionCount(0) - counts.Item1, GC.CollectionCount(1) - counts.Item2, GC.CollectionCount(2) - counts.Item3,
            sampler.GcsObserved));
    }

    private sealed class Sampler(long startIndex)
    {
        private volatile bool _stopping;
        private long _lastIndex = startIndex;

        public long MaxInUse { get; private set; }

        public long MaxBeforeGc { get; private set; }

        public long MaxAfterGc { get; private set; }

        public int GcsObserved { get; private set; }

        public void Stop() => _stopping = true;

        public void Run()
        {
            while (!_stopping)
            {
                Sample();
                Thread.Sleep(1);
            }
        }

        public void Sample()
        {
            MaxInUse = Math.Max(MaxInUse, GC.GetTotalMemory(false));
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index == _lastIndex)
            {
                return;
            }

            _lastIndex = info.Index;
            GcsObserved++;
            var before = 0L;
            foreach (var generation in info.GenerationInfo)
            {
                before += generation.SizeBeforeBytes;
            }

            MaxBeforeGc = Math.Max(MaxBeforeGc, before);
            MaxAfterGc = Math.Max(MaxAfterGc, info.HeapSizeBytes);
        }
    }
}
