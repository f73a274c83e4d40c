using k8s;

namespace Cerby.Operator.Runtime.LeaderElection;

/// <summary>
/// Gives the Lease up on shutdown, as client-go's ReleaseOnCancel does: an empty holder and a one-second duration, so a
/// standby takes over on its next try instead of waiting for the lease to expire.
/// </summary>
internal static class LeaseRelease
{
    /// <summary>Releases the Lease if this instance (<see cref="LeaderElectionOptions.Identity"/>) still holds it; returns whether it did.</summary>
    public static async Task<bool> ReleaseAsync(IKubernetes client, LeaderElectionOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (lease.Spec?.HolderIdentity != options.Identity)
        {
            return false;
        }

        lease.Spec.HolderIdentity = "";
        lease.Spec.LeaseDurationSeconds = 1;
        lease.Spec.RenewTime = time.GetUtcNow().UtcDateTime;
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return true;
    }
}
