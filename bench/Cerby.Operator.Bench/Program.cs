using BenchmarkDotNet.Running;
using Cerby.Operator.Bench.Detection;
using Cerby.Operator.Bench.Latency;
using Cerby.Operator.Bench.Quick;
using Cerby.Operator.Bench.Runtime;

namespace Cerby.Operator.Bench;

/// <summary>
/// <c>--quick</c>: a self-timed pass that prints each figure against its target (exit code 0 whatever the result).
/// <c>--startup</c>: the runtime's start-up reconcile of 10,000 TeamShares against the in-process API test server.
/// <c>--inbound</c>: resident memory while identity providers push 1 MB SCIM bodies and Okta Event Hook deliveries.
/// <c>--shares</c>: every TeamShare's status (granted users) on a hub with 5,000 single-user shares: per share vs once per hub.
/// <c>--detection</c>: Okta change → identity cache latency at 10,000 users, System Log poll and Event Hook.
/// <c>--scale</c> [<c>--quick</c>]: the real operator process at scale (cold converge, one change, a burst, idle, shards; see Scale/ScaleRun.cs).
/// <c>--latency</c> [<c>--quick</c>]: Okta change → SCIM app latency with the real operator (see Latency/LatencyRun.cs).
/// Otherwise BenchmarkDotNet, every benchmark unless a <c>--filter</c> is given.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains("--scale"))
        {
            return await Scale.ScaleRun.RunAsync([.. args.Where(a => a != "--scale")], Console.Out);
        }

        if (args.Contains("--latency"))
        {
            return await LatencyRun.RunAsync([.. args.Where(a => a != "--latency")], Console.Out);
        }

        if (args.Contains("--inbound"))
        {
            await Inbound.InboundMemory.RunAsync(Console.Out);
            return 0;
        }

        if (args.Contains("--shares"))
        {
            Scenarios.ShareStatusScan.Run(Console.Out);
            return 0;
        }

        if (args.Contains("--startup"))
        {
            await StartupReconcile.RunAsync(Console.Out);
            return 0;
        }

        if (args.Contains("--detection"))
        {
            await DetectionLatency.RunAsync(Console.Out);
            return 0;
        }

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
