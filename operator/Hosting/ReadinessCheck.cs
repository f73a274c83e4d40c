using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.LeaderElection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cerby.Operator.Hosting;

/// <summary>
/// /readyz: ready once every informer listed its kind, every <see cref="IReadinessContributor"/> can do its job (e.g.
/// the identity providers' endpoints are registered and their durable store answers), and, with leader election on,
/// this instance leads or stands by healthily (it read the Lease within two lease durations). A standby that serves
/// pushes is ready: it accepts them.
/// </summary>
internal sealed class ReadinessCheck(InformerSet informers, LeadershipState? leadership, LeaderElectionOptions? election, IEnumerable<IReadinessContributor>? contributors = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unsynced = informers.All.Where(i => !i.HasSynced).Select(i => i.Kind).ToList();
        if (unsynced.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"informers not synced: {string.Join(", ", unsynced)}"));
        }

        if ((contributors ?? []).Select(c => c.NotReadyReason()).FirstOrDefault(r => r is not null) is { } reason)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(reason));
        }

        if (leadership is not null && election is not null && !leadership.IsHealthy(election.LeaseDuration * 2))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"cannot reach lease {election.LeaseNamespace}/{election.LeaseName}"));
        }

        return Task.FromResult(HealthCheckResult.Healthy(leadership is null ? "synced" : leadership.IsLeader ? "synced, leading" : "synced, standing by"));
    }
}
