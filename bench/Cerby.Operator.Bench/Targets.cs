namespace Cerby.Operator.Bench;

/// <summary>The performance targets. The quick pass reports them; nothing asserts them.</summary>
internal static class Targets
{
    /// <summary>Build + Desired + Plan of every hub, judged on the 95th percentile.</summary>
    public static readonly TimeSpan FullPlan = TimeSpan.FromSeconds(1);

    /// <summary>One membership change: AccessModel.Apply + Desired + Plan of the hubs it returns, judged on the 95th percentile.</summary>
    public static readonly TimeSpan Incremental = TimeSpan.FromMilliseconds(5);

    /// <summary>Peak managed heap during a full plan, the world included; MB are 2^20 bytes, as BenchmarkDotNet counts them.</summary>
    public const long PeakManagedBytes = 300L * Units.Mb;

    public static string Verdict(bool met) => met ? "PASS" : "FAIL";
}

/// <summary>Units and formats for the printed figures.</summary>
internal static class Units
{
    public const long Mb = 1024 * 1024;

    public static string Megabytes(long bytes) => $"{bytes / (double)Mb:F1} MB";

    public static string Millis(double ms) => ms >= 10 ? $"{ms:F1} ms" : $"{ms:F3} ms";
}
