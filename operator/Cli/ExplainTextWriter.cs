namespace Cerby.Operator.Cli;

/// <summary>Prints an <see cref="ExplainReport"/> for people.</summary>
internal static class ExplainTextWriter
{
    private static readonly string[] GroupColumns = ["GROUP", "ID", "IDENTITY PROVIDER", "IF REMOVED FROM THE GROUP"];

    public static void Write(ExplainReport report, TextWriter stdout)
    {
        stdout.WriteLine($"User {report.User} in BusinessHub {report.Hub} ({report.Connector})");
        stdout.WriteLine(report.Entitled is { } e
            ? $"  Entitled: {e.Role} ({e.NativeRole}); assets: {Assets(e.Assets)}"
            : "  Entitled: nothing (no path grants access)");
        if (report.InApp is { } app)
        {
            var since = app.KnownSince is { } at ? $", known since {at:yyyy-MM-dd'T'HH:mm:ss'Z'}" : "";
            stdout.WriteLine($"  In the app: {(app.Role is { } role ? $"{role} ({app.NativeRole})" : app.NativeRole ?? "no role")}, {app.State}{(app.Managed ? ", provisioned by the operator" : "")}{since}; assets: {Assets(app.Assets)}");
        }
        else
        {
            stdout.WriteLine("  In the app: not a member");
        }

        foreach (var note in report.Notes)
        {
            stdout.WriteLine($"  note: {note}");
        }

        stdout.WriteLine();
        stdout.WriteLine($"Paths ({report.Paths.Count}):");
        for (var i = 0; i < report.Paths.Count; i++)
        {
            var path = report.Paths[i];
            stdout.WriteLine($"  {i + 1}. {path.Role}: {Chain(path)}");
            stdout.WriteLine($"     if removed: {path.IfRemoved?.Detail}");
        }

        var excluded = report.ExcludedByScope.Select(x => x.Detail).Concat(report.Expired.Select(x => x.Detail)).ToList();
        if (report.DeniedByReview is { } denied)
        {
            excluded.Add(denied.Detail);
        }

        if (excluded.Count > 0)
        {
            stdout.WriteLine();
            stdout.WriteLine($"Not granting ({excluded.Count}):");
            foreach (var line in excluded)
            {
                stdout.WriteLine($"  - {line}");
            }
        }

        if (report.Groups.Count > 0)
        {
            stdout.WriteLine();
            stdout.WriteLine($"IdP groups ({report.Groups.Count}):");
            TextTable.Write(stdout, GroupColumns, [.. report.Groups.Select(g => (IReadOnlyList<string>)[g.Group, g.GroupId, g.IdentityProvider, g.IfRemoved.Detail])], "  ");
        }

        stdout.WriteLine();
        if (report.Changes.Count == 0)
        {
            stdout.WriteLine("Plan for this user: no changes.");
        }
        else
        {
            stdout.WriteLine($"Plan for this user ({report.Changes.Count}):");
            TextTable.Write(stdout, ["ACTION", "FROM", "TO", "REASON"], [.. report.Changes.Select(c => (IReadOnlyList<string>)[c.Action.ToString(), Cell(c.Asset, c.From), WithNative(c), c.Reason])], "  ");
        }
    }

    private static string Chain(ExplainPath path) => path.Assets.Count == 0 ? path.Chain : $"{path.Chain}; assets {string.Join(", ", path.Assets)}";

    private static string Assets(IReadOnlyDictionary<string, IReadOnlyList<string>> assets) =>
        assets.Count == 0 ? "none" : string.Join(", ", assets.Select(kv => $"{kv.Key} {string.Join('+', kv.Value)}"));

    private static string WithNative(ChangeReport change) =>
        change.NativeRole is { } native && change.To is not null && change.Action != Planning.AccessChangeKind.UpdateAttributes
            ? $"{Cell(change.Asset, change.To)} ({native})"
            : Cell(change.Asset, change.To);

    private static string Cell(string? asset, string? value) => value is null ? "-" : asset is null ? value : $"{asset} {value}";
}
