namespace Cerby.Operator.Cli;

/// <summary>
/// <c>report</c>: per hub, every member with role, assets, the justification chain and since when the operator has
/// known them, as CSV or Markdown, to stdout or one file per hub. Offline from files, or --live.
/// </summary>
internal static class ReportCommand
{
    public const string Usage = $"""
        usage: cerby-operator report <folder> [--format csv|md] [--out <dir>] [--hub <namespace/name>]
               cerby-operator report --live [-f <dir>]... [--kubeconfig <file>] [--context <name>] [--format csv|md] [--out <dir>] [--hub <namespace/name>]

        Writes, for each hub, every member of its app and everyone entitled who is not in it yet: state, hub role and
        native role, assets with tasks, the justification (every grant, strongest first), each path in full (share →
        team ← IdP group, binding, IdentityProvider), whether the operator provisioned them, and since when the operator
        has known them (the hub ledger's record; offline, the AppSnapshot members' knownSince). Members nothing
        justifies are listed with "none: …". A hub whose app or IdP cannot be read is reported unknown, never empty.

          --format csv|md           CSV (one table, a hub column) or Markdown (a section per hub); default md
          --out <dir>               one file per hub, <namespace>_<name>.csv|md, instead of stdout
          --hub <namespace/name>    only this hub
        {SourceArguments.Usage}
        exit codes: 0 written, 1 invalid input or an error, 2 usage error, 5 a hub is unknown (the others are written)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help"])
        {
            stdout.WriteLine(Usage);
            return 0;
        }

        var source = new SourceArguments.Parser();
        var csv = false;
        string? outDir = null;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format" when i + 1 < args.Length:
                    var format = args[++i];
                    if (format is not ("csv" or "md"))
                    {
                        return UsageError($"unknown format \"{format}\"; expected csv or md", stderr);
                    }

                    csv = format == "csv";
                    break;
                case "--out" when i + 1 < args.Length:
                    outDir = args[++i];
                    break;
                case "--hub" when i + 1 < args.Length:
                    only = args[++i].Contains('/', StringComparison.Ordinal) ? args[i] : $"default/{args[i]}";
                    break;
                default:
                    if (!source.TryTake(args, ref i, "report", out var error) || error is not null)
                    {
                        return UsageError(error ?? $"unknown or incomplete option \"{args[i]}\"", stderr);
                    }

                    break;
            }
        }

        var (built, sourceError) = source.Build();
        if (built is null)
        {
            return UsageError(sourceError!, stderr);
        }

        return CommandInputs.Run("report", built, stdout, stderr, (inputs, output, errors, redact) =>
        {
            var access = inputs.Compute();
            if (only is not null && !access.Has(only))
            {
                errors.WriteLine($"report: no valid BusinessHub {only}");
                return 1;
            }

            var hubs = access.HubKeys.Where(k => only is null || k == only).Select(k => ReportRows.Build(inputs, access, k)).ToList();
            foreach (var warning in inputs.Warnings)
            {
                errors.WriteLine($"report: warning: {warning}");
            }

            foreach (var hub in hubs.Where(h => h.Unknown is not null))
            {
                errors.WriteLine($"report: BusinessHub {hub.Hub} is unknown: {hub.Unknown}");
            }

            if (outDir is null)
            {
                Write(hubs, csv, inputs, output);
            }
            else
            {
                Directory.CreateDirectory(outDir);
                foreach (var hub in hubs)
                {
                    var file = Path.Combine(outDir, $"{hub.Hub.Replace('/', '_')}.{(csv ? "csv" : "md")}");
                    using var writer = new StringWriter();
                    Write([hub], csv, inputs, writer);
                    File.WriteAllText(file, redact(writer.ToString()));
                    output.WriteLine(file);
                }
            }

            return hubs.Any(h => h.Unknown is not null) ? HubPlans.Unknown : 0;
        });
    }

    private static void Write(IReadOnlyList<HubReport> hubs, bool csv, PlanInputs inputs, TextWriter writer)
    {
        if (csv)
        {
            ReportWriters.Csv(hubs, writer);
        }
        else
        {
            ReportWriters.Markdown(hubs, inputs.Now, inputs.Live, writer);
        }
    }

    private static int UsageError(string message, TextWriter stderr)
    {
        stderr.WriteLine($"report: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }
}
