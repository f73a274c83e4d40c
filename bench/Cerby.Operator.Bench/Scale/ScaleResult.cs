namespace Cerby.Operator.Bench.Scale;

/// <summary>
/// One row of the table, every cell as printed: a measured time (or "timeout after X s"), and counts taken at the
/// peers over the measured window (several values separated by " / " when the scenario repeats, one per repetition).
/// </summary>
internal sealed record ScaleResult(string Scenario, string App, string Size)
{
    public string Time { get; init; } = "";

    public string AppReads { get; init; } = "";

    public string AppWrites { get; init; } = "";

    public string IdpCalls { get; init; } = "";

    public string KubeRequests { get; init; } = "";

    public string PeakRss { get; init; } = "";

    public static string Timeout(TimeSpan after, string phase) => $"timeout after {after.TotalSeconds:0} s ({phase})";

    public static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.00} s";

    public static string MiB(double mib) => $"{mib:0} MiB";
}
