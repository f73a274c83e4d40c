namespace Cerby.Operator.Bench.Quick;

/// <summary>Median, 95th percentile (nearest rank), min and max of a set of timings in milliseconds.</summary>
internal sealed record Distribution(int Count, double Median, double P95, double Min, double Max)
{
    public static Distribution Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        var p95 = sorted[Math.Max(0, (int)Math.Ceiling(sorted.Length * 0.95) - 1)];
        return new Distribution(sorted.Length, median, p95, sorted[0], sorted[^1]);
    }

    public override string ToString() =>
        $"median {Units.Millis(Median)}  p95 {Units.Millis(P95)}  min {Units.Millis(Min)}  max {Units.Millis(Max)}  (n={Count})";
}
