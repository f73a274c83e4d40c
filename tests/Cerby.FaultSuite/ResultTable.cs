using System.Globalization;

namespace Cerby.FaultSuite;

/// <summary>Prints the results: one row per scenario, the failover times, then each scenario's notes and errors.</summary>
internal static class ResultTable
{
    private static readonly string[] Headers = ["scenario", "faults injected", "wrong removals", "access left behind", "duplicate seats/invites", "pushes lost", "secrets in output", "extra IdP reads", "took", "result"];

    public static void Print(IReadOnlyList<ScenarioResult> results, TextWriter output)
    {
        var rows = results.Select(r => new[]
        {
            r.Name, N(r.FaultsInjected), N(r.WrongRemovals), N(r.AccessLeftBehind), N(r.Duplicates), N(r.PushesLost), N(r.SecretsFound), N(r.ExtraReads),
            $"{r.Elapsed.TotalSeconds:F0} s", r.Error is not null ? "ERROR" : r.Clean ? "ok" : "FAIL",
        }).ToList();
        var totals = new[]
        {
            "total", N(results.Sum(r => r.FaultsInjected)), N(results.Sum(r => r.WrongRemovals)), N(results.Sum(r => r.AccessLeftBehind)), N(results.Sum(r => r.Duplicates)),
            N(results.Sum(r => r.PushesLost)), N(results.Sum(r => r.SecretsFound)), N(results.Sum(r => r.ExtraReads)),
            $"{results.Sum(r => r.Elapsed.TotalSeconds):F0} s", results.All(r => r.Clean) ? "ok" : "FAIL",
        };
        var widths = Headers.Select((h, i) => rows.Append(totals).Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";

        output.WriteLine();
        output.WriteLine(Line(Headers));
        output.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        rows.ForEach(r => output.WriteLine(Line(r)));
        output.WriteLine(Line(totals));

        foreach (var failover in results.Where(r => r.Name == "failover"))
        {
            output.WriteLine();
            output.WriteLine($"failover: kill -9 of the leader → Lease taken by the standby {Seconds(failover.LeaseTaken)}, → first app change {Seconds(failover.FirstAppChange)}");
        }

        output.WriteLine();
        foreach (var result in results)
        {
            foreach (var note in result.Notes)
            {
                output.WriteLine($"  {result.Name}: {note}");
            }

            if (result.Error is not null)
            {
                output.WriteLine($"  {result.Name}: ERROR {result.Error}");
            }
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan? took) => took is { } t ? $"{t.TotalSeconds:F1} s" : "never (within the deadline)";
}
