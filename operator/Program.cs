using Cerby.Operator.Cli;
using Cerby.Operator.Hosting;

namespace Cerby.Operator;

/// <summary>The command line: picks the command by its first argument; each command parses the rest.</summary>
internal static class Program
{
    private delegate int Command(string[] args, TextWriter stdout, TextWriter stderr);

    private static readonly (string Name, string Summary, Command Run)[] Commands =
    [
        ("run", "run the operator: informers, leader election, probes and metrics", RunCommand.Run),
        ("plan", "print the changes the operator would make, from a folder of manifests and snapshots or --live from a cluster", PlanCommand.Run),
        ("explain", "why a user has access to a hub: every path, the winning role, what removing each would do", ExplainCommand.Run),
        ("report", "an audit report per hub: members, role, assets, justification, known since (csv or md)", ReportCommand.Run),
        ("crds", "write the CustomResourceDefinition manifests (crds <dir>), or check them (crds --check <dir>)", CrdsCommand.Run),
    ];

    public static int Main(string[] args) => Dispatch(args, Console.Out, Console.Error);

    /// <summary>Runs the named command; prints usage and returns 2 for an unknown one.</summary>
    internal static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        switch (args)
        {
            case [] or ["-h" or "--help" or "help"]:
                stdout.WriteLine(Usage());
                return 0;
            case [var name, .. var rest] when Commands.FirstOrDefault(c => c.Name == name) is { Run: { } run }:
                return run(rest, stdout, stderr);
            default:
                stderr.WriteLine($"unknown command \"{args[0]}\"");
                stderr.WriteLine(Usage());
                return 2;
        }
    }

    private static string Usage() =>
        "usage: cerby-operator <command> [arguments]\n\ncommands:\n" +
        string.Join("\n", Commands.Select(c => $"  {c.Name,-7} {c.Summary}")) +
        "\n\nRun cerby-operator <command> --help for a command's arguments.";
}
