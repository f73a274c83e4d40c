namespace Cerby.Operator.Cli;

/// <summary>
/// <c>plan &lt;folder&gt;</c> or <c>plan --live</c>: prints what the operator would change in every hub's app, with the
/// reason for each change, the removal guard's verdict and what is unknown. Changes nothing anywhere.
/// </summary>
internal static class PlanCommand
{
    /// <summary>Exit codes in <see cref="PlanArguments.Usage"/>: 0, 1 error, 2 usage, 3 changes, 4 held removals, 5 unknown hub.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help"])
        {
            stdout.WriteLine(PlanArguments.Usage);
            return 0;
        }

        var (arguments, usageError) = PlanArguments.Parse(args);
        if (arguments is null)
        {
            stderr.WriteLine($"plan: {usageError}");
            stderr.WriteLine(PlanArguments.Usage);
            return 2;
        }

        return CommandInputs.Run("plan", arguments.Source, stdout, stderr, (inputs, output, _, _) =>
        {
            var report = HubPlans.Build(inputs, inputs.Compute());
            if (arguments.Json)
            {
                PlanJsonWriter.Write(report, output);
            }
            else
            {
                PlanTableWriter.Write(report, output);
            }

            return arguments.ExitCode ? HubPlans.ExitCode(report) : 0;
        });
    }
}
