using System.Text.Json.Nodes;
using Cerby.Operator.Cli;
using Cerby.Operator;

namespace Cerby.Operator.Tests.Cli;

/// <summary>What a command printed and returned, run in-process.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs <c>plan</c> with these arguments.</summary>
    public static CliResult Plan(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = PlanCommand.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs any command through the program's dispatcher, e.g. ("explain", "--hub", …).</summary>
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = Program.Dispatch(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>plan &lt;folder&gt; -o json</c> and returns the document; fails the test when the plan fails.</summary>
    public static JsonNode PlanJson(string folder)
    {
        var result = Plan(folder, "-o", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonNode.Parse(result.Stdout)!;
    }

    /// <summary>The stderr lines, for error assertions.</summary>
    public IReadOnlyList<string> ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
