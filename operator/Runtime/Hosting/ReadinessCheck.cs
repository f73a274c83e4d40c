using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.LeaderElection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cerby.Operator.Runtime.Hosting;

/// <summary>
/// /readyz: ready once every informer listed its kind and, with leader election on, this instance leads or stands by
/// healthily (it read the Lease within two lease durations).
/// </summary>
internal sealed class ReadinessCheck(InformerSet informers, LeadershipState? leadership, LeaderElectionOptions? election) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unsynced = informers.All.Where(i => !i.HasSynced).Select(i => i.Kind).ToList();
        if (unsynced.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"informers not synced: {string.Join(", ", unsynced)}"));
        }

        if (leadership is not null && election is not null && !leadership.IsHealthy(election.LeaseDuration * 2))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"cannot reach lease {election.LeaseNamespace}/{election.LeaseName}"));
        }

        return Task.FromResult(HealthCheckResult.Healthy(leadership is null ? "synced" : leadership.IsLeader ? "synced, leading" : "synced, standing by"));
    }
}
