namespace Cerby.Operator.Bench.Latency;

/// <summary>Prints the latency figures: end to end against the target, by kind, detection, and detection → app.</summary>
internal static class LatencyReport
{
    private const double TargetP99Seconds = 5;

    public static void Print(TextWriter output, LatencyOptions options, IReadOnlyList<Sample> samples)
    {
        var shown = Percentiles.Of(samples.Select(s => s.Shown.TotalSeconds))!;
        output.WriteLine($"  {samples.Count} IdP changes, one at a time (join a group, join a second group, leave it, deactivated; rotating):");
        output.WriteLine($"  Okta change → the app shows it:           {shown}   target p99 < {TargetP99Seconds:0} s: {(shown.P99 < TargetP99Seconds ? "PASS" : "FAIL")}");
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            if (Percentiles.Of(samples.Where(s => s.Kind == kind).Select(s => s.Shown.TotalSeconds)) is { } byKind)
            {
                output.WriteLine($"    {kind,-10}                              {byKind}");
            }
        }

        var detected = samples.Where(s => s.Detected is not null).ToList();
        output.WriteLine($"  Okta change → operator's identity cache:  {Percentiles.Of(detected.Select(s => s.Detected!.Value.TotalSeconds))?.ToString() ?? "never seen"}" +
                         $"{(detected.Count < samples.Count ? $"   ({samples.Count - detected.Count} not seen by the cache hook)" : "")}");
        output.WriteLine($"  identity cache → the app shows it:        {Percentiles.Of(detected.Select(s => (s.Shown - s.Detected!.Value).TotalSeconds))?.ToString() ?? "-"}");
        var poll = LatencyOptions.PollInterval(options.LogPollInterval);
        output.WriteLine($"  (detection = the IdentityCache.Changed event naming the user, in-process; it is bounded below by the System Log poll, " +
                         $"every {poll.TotalSeconds:0.##} s here; the IdentityProvider default is {LatencyOptions.DefaultPoll}, and an Okta Event Hook removes that wait)");
    }
}
