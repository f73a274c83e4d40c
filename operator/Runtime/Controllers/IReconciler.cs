namespace Cerby.Operator.Runtime.Controllers;

/// <summary>
/// Brings one object's world in line with its spec. Level-based: it gets only the key, re-reads what it needs (a deleted
/// object shows up as missing), and may run any number of times. Throwing means "retry with backoff".
/// </summary>
internal interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken);
}
