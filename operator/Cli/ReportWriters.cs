using System.Globalization;

namespace Cerby.Operator.Cli;

/// <summary>Writes the audit report as CSV (RFC 4180) or Markdown.</summary>
internal static class ReportWriters
{
    private static readonly string[] Columns = ["hub", "email", "state", "role", "nativeRole", "assets", "justification", "paths", "managed", "knownSince"];

    /// <summary>One CSV table: a header, then every row of every hub given.</summary>
    public static void Csv(IEnumerable<HubReport> hubs, TextWriter writer)
    {
        writer.Write(string.Join(',', Columns) + "\r\n");
        foreach (var row in hubs.SelectMany(h => h.Rows))
        {
            writer.Write(string.Join(',', Cells(row).Select(Quote)) + "\r\n");
        }
    }

    /// <summary>A section per hub: a heading, when it was generated, counts, and a table of the members.</summary>
    public static void Markdown(IEnumerable<HubReport> hubs, DateTimeOffset generated, bool live, TextWriter writer)
    {
        foreach (var hub in hubs)
        {
            writer.WriteLine($"# Access report: BusinessHub {hub.Hub} ({hub.Connector})");
            writer.WriteLine();
            writer.WriteLine($"Generated {generated.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} by `cerby-operator report` from {(live ? "the cluster, the IdPs and the app (live)" : "manifests and snapshots")}.");
            writer.WriteLine();
            if (hub.Unknown is { } why)
            {
                writer.WriteLine($"**Unknown**: {Escape(why)}. Its members are not listed: unknown is not empty.");
                writer.WriteLine();
                continue;
            }

            var unjustified = hub.Rows.Count(r => r.Justification.StartsWith("none", StringComparison.Ordinal));
            writer.WriteLine($"{hub.Rows.Count} members, {unjustified} without a justification.");
            writer.WriteLine();
            writer.WriteLine("| " + string.Join(" | ", Columns.Skip(1)) + " |");
            writer.WriteLine("|" + string.Concat(Enumerable.Repeat(" --- |", Columns.Length - 1)));
            foreach (var row in hub.Rows)
            {
                writer.WriteLine("| " + string.Join(" | ", Cells(row).Skip(1).Select(Escape)) + " |");
            }

            writer.WriteLine();
        }
    }

    private static string[] Cells(ReportRow r) =>
        [r.Hub, r.Email, r.State, r.Role, r.NativeRole, r.Assets, r.Justification, r.Paths, r.Managed ? "true" : "false", r.KnownSince];

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
