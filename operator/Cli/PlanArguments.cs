using System.Globalization;

namespace Cerby.Operator.Cli;

/// <summary>The parsed arguments of <c>plan</c>.</summary>
/// <param name="Input">The folder (or single file) of manifests.</param>
/// <param name="Json">-o json rather than the default table.</param>
/// <param name="Now">--now: the moment staleness is judged against; null means the system clock.</param>
/// <param name="ExitCode">--exit-code: exit 3 when any hub has changes to apply or removals held.</param>
internal sealed record PlanArguments(string Input, bool Json, DateTimeOffset? Now, bool ExitCode)
{
    public const string Usage = """
        usage: cerby-operator plan <folder> [-o table|json] [--now <RFC3339 time>] [--exit-code]

        Reads every *.yaml/*.yml below <folder>: BusinessHub, TeamShare, IdpGroupBinding and IdentityProvider
        manifests, plus IdentitySnapshot and AppSnapshot documents (format: examples/README.md), and prints the
        changes the operator would make to each hub's app, without touching anything.

          -o, --output table|json   output format (default table)
          --now <time>              judge staleness of group membership at this time (default: now)
          --exit-code               exit 3 when a hub has changes or held removals (like terraform plan -detailed-exitcode)

        exit codes: 0 plan computed, 1 invalid input (every error printed as file:line: field: message),
                    2 usage error, 3 changes present (only with --exit-code)
        """;

    /// <summary>The arguments, or the usage error.</summary>
    public static (PlanArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? input = null;
        var json = false;
        DateTimeOffset? now = null;
        var exitCode = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-o" or "--output" when i + 1 < args.Count:
                    var format = args[++i];
                    if (format is not ("table" or "json"))
                    {
                        return (null, $"unknown output format \"{format}\"; expected table or json");
                    }

                    json = format == "json";
                    break;
                case "--now" when i + 1 < args.Count:
                    if (!DateTimeOffset.TryParseExact(args[++i], "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    {
                        return (null, $"--now \"{args[i]}\" is not an RFC 3339 time such as 2026-05-01T09:00:00Z");
                    }

                    now = parsed;
                    break;
                case "--exit-code":
                    exitCode = true;
                    break;
                case var arg when arg.StartsWith('-'):
                    return (null, $"unknown or incomplete option \"{arg}\"");
                case var arg when input is null:
                    input = arg;
                    break;
                case var arg:
                    return (null, $"unexpected argument \"{arg}\"; plan takes one folder");
            }
        }

        return input is null ? (null, "missing <folder>") : (new PlanArguments(input, json, now, exitCode), null);
    }
}
