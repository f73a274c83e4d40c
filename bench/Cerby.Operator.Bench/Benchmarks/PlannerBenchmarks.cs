using BenchmarkDotNet.Attributes;
using Cerby.Operator.Bench.Scenarios;
using Cerby.Operator.Bench.World;

namespace Cerby.Operator.Bench.Benchmarks;

/// <summary>
/// The issue's two timings on the 100k-user world, with allocations. The world and the incremental model are built
/// once per process (GlobalSetup, not measured).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortRunConfig))]
public class PlannerBenchmarks
{
    private BenchWorld _world = null!;
    private IncrementalPlan _incremental = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _world = BenchWorld.Create(WorldShape.Issue);
        _incremental = new IncrementalPlan(_world);
    }

    /// <summary>AccessModel.Build + Desired + Plan for all 1,000 hubs.</summary>
    [Benchmark]
    public int FullPlan() => Scenarios.FullPlan.Run(_world).Changes;

    /// <summary>
    /// One membership change (Apply + Desired + Plan of the returned hubs). Each invocation adds a user to a group
    /// and then reverts it, two changes, so the state never drifts; figures are per change.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 2)]
    public int IncrementalChange()
    {
        var change = _world.Changes[_next];
        _next = (_next + 1) % _world.Changes.Count;
        return _incremental.Apply(change.After).Changes + _incremental.Apply(change.Before).Changes;
    }
}
