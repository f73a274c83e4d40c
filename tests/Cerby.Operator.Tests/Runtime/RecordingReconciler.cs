using System.Collections.Concurrent;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>A reconciler that records the keys it got and answers with a scripted result per call.</summary>
internal sealed class RecordingReconciler(Func<ResourceKey, int, ReconcileResult>? script = null) : IReconciler
{
    private readonly ConcurrentQueue<ResourceKey> _calls = new();

    public IReadOnlyList<ResourceKey> Calls => [.. _calls];

    public int CallsFor(string name) => _calls.Count(k => k.Name == name);

    public Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        _calls.Enqueue(key);
        return Task.FromResult(script?.Invoke(key, CallsFor(key.Name)) ?? ReconcileResult.Success);
    }
}
