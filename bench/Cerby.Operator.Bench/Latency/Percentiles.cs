using System.Globalization;

namespace Cerby.Operator.Bench.Latency;

/// <summary>p50, p90, p99 (nearest rank) and max of latencies in seconds.</summary>
internal sealed record Percentiles(int Count, double P50, double P90, double P99, double Max)
{
    public static Percentiles? Of(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length == 0 ? null : new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    public override string ToString() => $"p50 {S(P50)}  p90 {S(P90)}  p99 {S(P99)}  max {S(Max)}  (n={Count})";

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * p) - 1, 0, sorted.Length - 1)];

    private static string S(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
}
