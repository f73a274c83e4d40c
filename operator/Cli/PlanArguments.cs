namespace Cerby.Operator.Cli;

/// <summary>The parsed arguments of <c>plan</c>.</summary>
/// <param name="Source">A folder of manifests and snapshots, or the cluster (--live) with overlays.</param>
/// <param name="Json">-o json rather than the default table.</param>
/// <param name="ExitCode">--exit-code: exit 3 with changes, 4 with held removals (always on with --live).</param>
internal sealed record PlanArguments(SourceArguments Source, bool Json, bool ExitCode)
{
    public const string Usage = $"""
        usage: cerby-operator plan <folder> [-o table|json] [--now <RFC3339 time>] [--exit-code]
               cerby-operator plan --live [-f <dir>]... [--kubeconfig <file>] [--context <name>] [-o table|json]

        Prints the changes the operator would make to each hub's app, with the reason for each, the removal guard's
        verdict and what is unknown, without changing anything. Offline it reads BusinessHub, TeamShare,
        IdpGroupBinding and IdentityProvider manifests plus IdentitySnapshot and AppSnapshot documents (format:
        examples/README.md). With --live it reads the cluster, lays the manifests of -f over it (a pull request), and
        reads the IdPs and apps through the operator's own sources and connectors, with GETs only.

        {SourceArguments.Usage}
          -o, --output table|json   output format (default table)
          --exit-code               detailed exit codes, as below (like terraform plan -detailed-exitcode)

        exit codes: 0 no changes (or, without --exit-code and --live, a plan was computed)
                    1 invalid input or an error (every manifest error printed as file:line: field: message)
                    2 usage error
                    3 changes to apply (with --exit-code or --live)
                    4 removals held by the guard, with or without other changes (with --exit-code or --live)
                    5 a hub's app or IdP could not be read: reported unknown, its changes withheld (--live)
                    When several apply, the highest is returned.
        """;

    /// <summary>The arguments, or the usage error.</summary>
    public static (PlanArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        var source = new SourceArguments.Parser();
        var json = false;
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
                case "--exit-code":
                    exitCode = true;
                    break;
                default:
                    if (!source.TryTake(args, ref i, "plan", out var error))
                    {
                        return (null, $"unknown or incomplete option \"{args[i]}\"");
                    }

                    if (error is not null)
                    {
                        return (null, error);
                    }

                    break;
            }
        }

        var (built, sourceError) = source.Build();
        return built is null ? (null, sourceError) : (new PlanArguments(built, json, exitCode || built.Live), null);
    }
}
