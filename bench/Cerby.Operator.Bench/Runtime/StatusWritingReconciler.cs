using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Bench.Runtime;

/// <summary>
/// The I/O a TeamShare reconcile costs at least: read it from the informer cache and write its status (a condition and
/// observedGeneration) through the status subresource. No planning: this measures the runtime, not the domain.
/// </summary>
internal sealed class StatusWritingReconciler(InformerSet informers, StatusWriter status, TimeProvider time) : IReconciler
{
    private int _written;

    public int Written => Volatile.Read(ref _written);

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        if (informers.Get<TeamShare>().Cache.Get(key) is not { } share)
        {
            return ReconcileResult.Success;
        }

        var generation = share.Metadata.Generation ?? 0;
        var wrote = await status.UpdateAsync(share, s =>
        {
            var next = s.Status ?? new TeamShareStatus();
            Conditions.Set(next.Conditions, "Ready", ConditionStatus.Unknown, "Benchmark", "status written by the start-up benchmark", generation, time);
            s.Status = next with { ObservedGeneration = generation };
        }, cancellationToken);
        if (wrote)
        {
            Interlocked.Increment(ref _written);
        }

        return ReconcileResult.Success;
    }
}
