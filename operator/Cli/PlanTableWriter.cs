using Cerby.Operator.Planning;

namespace Cerby.Operator.Cli;

/// <summary>Prints a plan report for people: per hub a header with counts and aligned tables, then a summary line.</summary>
internal static class PlanTableWriter
{
    private static readonly string[] ChangeColumns = ["ACTION", "USER", "FROM", "TO", "REASON"];
    private static readonly string[] DriftColumns = ["ACTION", "USER", "FROM", "TO", "STATUS", "REASON"];

    public static void Write(PlanReport report, TextWriter stdout)
    {
        foreach (var warning in report.Warnings)
        {
            stdout.WriteLine($"warning: {warning}");
        }

        foreach (var hub in report.Hubs)
        {
            stdout.WriteLine();
            WriteHub(hub, stdout);
        }

        stdout.WriteLine();
        var s = report.Summary;
        var unknown = s.Unknown is { } count ? $", {count} unknown" : "";
        stdout.WriteLine($"Plan: {s.Hubs} {Plural(s.Hubs, "hub")}, {s.Changes} {Plural(s.Changes, "change")}, {s.HeldRemovals} held {Plural(s.HeldRemovals, "removal")}, {s.Withheld} withheld, {s.Drift} drift{unknown}.");
    }

    private static void WriteHub(HubPlanReport hub, TextWriter stdout)
    {
        if (hub.Unknown is { } why)
        {
            stdout.WriteLine($"BusinessHub {hub.Hub} ({hub.Connector}): unknown, its changes are withheld");
            stdout.WriteLine($"  {why}");
            return;
        }

        var held = hub.HeldRemovals?.Changes.Count ?? 0;
        var withheld = hub.Withheld?.Changes.Count ?? 0;
        stdout.WriteLine($"BusinessHub {hub.Hub} ({hub.Connector}): {hub.Changes.Count} {Plural(hub.Changes.Count, "change")}, {held} held, {withheld} withheld, {hub.Drift.Count} drift (plan {hub.PlanHash})");
        foreach (var warning in hub.Warnings)
        {
            stdout.WriteLine($"  warning: {warning}");
        }

        foreach (var note in hub.Notes)
        {
            stdout.WriteLine($"  note: {note}");
        }

        if (hub.Changes.Count == 0)
        {
            stdout.WriteLine("  No changes.");
        }
        else
        {
            TextTable.Write(stdout, ChangeColumns, [.. hub.Changes.Select(Row)], "  ");
        }

        if (hub.HeldRemovals is { } removals)
        {
            stdout.WriteLine();
            stdout.WriteLine($"  Held removals ({removals.Changes.Count}), hash {removals.Hash}: {removals.Reason}");
            TextTable.Write(stdout, ChangeColumns, [.. removals.Changes.Select(Row)], "  ");
        }

        if (hub.Withheld is { } kept)
        {
            stdout.WriteLine();
            stdout.WriteLine($"  Withheld ({kept.Changes.Count}), nothing narrows access while some of it is unknown: {kept.Reason}");
            TextTable.Write(stdout, ChangeColumns, [.. kept.Changes.Select(Row)], "  ");
        }

        if (hub.Drift.Count > 0)
        {
            stdout.WriteLine();
            stdout.WriteLine($"  Drift ({hub.Drift.Count}): in the app, not justified by any share, not caused by the operator");
            TextTable.Write(stdout, DriftColumns, [.. hub.Drift.Select(d => (IReadOnlyList<string>)[.. Row(d.Change).SkipLast(1), d.Status, d.Change.Reason])], "  ");
        }
    }

    /// <summary>ACTION, USER, FROM, TO, REASON; asset changes name the asset, role changes show the app's role too.</summary>
    private static IReadOnlyList<string> Row(ChangeReport change) =>
        [change.Action.ToString(), change.User, Cell(change.From, change, withNative: false), Cell(change.To, change, withNative: true), change.Reason];

    private static string Cell(string? value, ChangeReport change, bool withNative)
    {
        if (value is null)
        {
            return "-";
        }

        var withAsset = change.Asset is null ? value : $"{change.Asset} {value}";
        return withNative && change.NativeRole is { } native && change.Action != AccessChangeKind.UpdateAttributes ? $"{withAsset} ({native})" : withAsset;
    }

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
