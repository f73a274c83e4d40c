using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>
/// <c>explain --hub NS/NAME --user EMAIL</c>: why a user has access to a hub: every path (shares, teams, IdP groups, app
/// assignments), the winning role and assets, and what removing each path would do. Offline from files, or --live.
/// </summary>
internal static class ExplainCommand
{
    public const string Usage = $"""
        usage: cerby-operator explain --hub <namespace/name> --user <email> <folder> [-o text|json]
               cerby-operator explain --hub <namespace/name> --user <email> --live [-f <dir>]... [--kubeconfig <file>] [--context <name>] [-o text|json]

        Prints every path that grants the user access to the hub: team shares (with the team and the IdP group and
        IdpGroupBinding that make the user a member), individual shares and IdP app assignments (direct or through a
        group); the role and assets they add up to (the highest-ranked role wins); what the app has now; and, for each
        path and each IdP group, what the user would keep if it were removed (desired access recomputed without it:
        keep, lowerRole, narrowAssets or remove). Reads the same inputs as plan.

          --hub <namespace/name>    the BusinessHub
          --user <email>            the user (matched case-insensitively, as the operator matches app members)
        {SourceArguments.Usage}
          -o, --output text|json    output format (default text)

        exit codes: 0 explained, 1 invalid input or no such hub, 2 usage error
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help"])
        {
            stdout.WriteLine(Usage);
            return 0;
        }

        var source = new SourceArguments.Parser();
        string? hubKey = null;
        string? user = null;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--hub" when i + 1 < args.Length:
                    hubKey = args[++i].Contains('/', StringComparison.Ordinal) ? args[i] : $"default/{args[i]}";
                    break;
                case "--user" when i + 1 < args.Length:
                    user = args[++i];
                    break;
                case "-o" or "--output" when i + 1 < args.Length:
                    var format = args[++i];
                    if (format is not ("text" or "json"))
                    {
                        return UsageError($"unknown output format \"{format}\"; expected text or json", stderr);
                    }

                    json = format == "json";
                    break;
                default:
                    if (!source.TryTake(args, ref i, "explain", out var error) || error is not null)
                    {
                        return UsageError(error ?? $"unknown or incomplete option \"{args[i]}\"", stderr);
                    }

                    break;
            }
        }

        var (built, sourceError) = source.Build();
        if (built is null || hubKey is null || user is null)
        {
            return UsageError(sourceError ?? (hubKey is null ? "missing --hub <namespace/name>" : "missing --user <email>"), stderr);
        }

        return CommandInputs.Run("explain", built, stdout, stderr, (inputs, output, errors, _) =>
        {
            var access = inputs.Compute();
            if (!access.Has(hubKey))
            {
                errors.WriteLine(inputs.HubOf(hubKey) is null ? $"explain: no BusinessHub {hubKey}" : $"explain: BusinessHub {hubKey} is invalid, so nothing is planned for it");
                return 1;
            }

            var report = ExplainBuilder.Build(inputs, access, hubKey, user);
            if (json)
            {
                PlanJsonWriter.WriteAny(report, output);
            }
            else
            {
                ExplainTextWriter.Write(report, output);
            }

            return 0;
        });
    }

    private static int UsageError(string message, TextWriter stderr)
    {
        stderr.WriteLine($"explain: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }
}
