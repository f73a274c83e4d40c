using BenchmarkDotNet.Running;
using Cerby.Operator.Bench.Quick;

namespace Cerby.Operator.Bench;

/// <summary>
/// <c>--quick</c>: a self-timed pass that prints each figure against its target (exit code 0 whatever the result).
/// Otherwise BenchmarkDotNet, every benchmark unless a <c>--filter</c> is given.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--quick"))
        {
            QuickRunner.Run(Console.Out);
            return 0;
        }

        var selects = args.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h" or "--info");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(selects ? args : [.. args, "--filter", "*"]);
        return 0;
    }
}
