using Cerby.Operator.Runtime.Controllers;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Runtime.LeaderElection;

/// <summary>
/// Runs the controllers only while this instance holds the Lease. Loses leadership → stops the controllers (they drain)
/// and stands by again. Shutdown → stops the controllers, then releases the Lease so a standby takes over at once.
/// </summary>
internal sealed class LeaderElectionService(
    IKubernetes client,
    LeaderElectionOptions options,
    ControllerSet controllers,
    LeadershipState state,
    TimeProvider time,
    ILogger<LeaderElectionService> logger) : BackgroundService
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private string LeaseName => $"{options.LeaseNamespace}/{options.LeaseName}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ExponentialBackoff(options.RetryPeriod, options.LeaseDuration);
        var leases = RuntimeMetrics.LeaderElectionLeading.WithLabels(LeaseName);
        leases.Set(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            var led = await LeadOnceAsync(stoppingToken).ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                if (led)
                {
                    await ReleaseAsync().ConfigureAwait(false);
                }

                return;
            }

            if (led)
            {
                logger.LeadershipLost(LeaseName);
                backoff.Reset();
            }

            try
            {
                await Task.Delay(led ? options.RetryPeriod : backoff.Next(), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Waits for the Lease, runs the controllers while it is held; returns whether this instance led.</summary>
    private async Task<bool> LeadOnceAsync(CancellationToken stoppingToken)
    {
        var leaseLock = new ObservedLeaseLock(new LeaseLock(client, options.LeaseNamespace, options.LeaseName, options.Identity), state);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });
        using var leading = new CancellationTokenSource();
        Task? running = null;
        elector.OnStartedLeading += () =>
        {
            state.SetLeading(true);
            RuntimeMetrics.LeaderElectionLeading.WithLabels(LeaseName).Set(1);
            logger.LeadershipAcquired(options.Identity, LeaseName);
            running = Task.Run(() => controllers.RunAsync(leading.Token), CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            state.SetLeading(false);
            RuntimeMetrics.LeaderElectionLeading.WithLabels(LeaseName).Set(0);
            leading.Cancel();
        };
        elector.OnNewLeader += leader => logger.NewLeader(LeaseName, leader);
        elector.OnError += ex => logger.LeaderElectionError(ex, LeaseName);

        try
        {
            await elector.RunUntilLeadershipLostAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            logger.LeaderElectionError(ex, LeaseName);
        }

        await leading.CancelAsync().ConfigureAwait(false);
        if (running is null)
        {
            return false;
        }

        try
        {
            await running.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LeaderElectionError(ex, LeaseName);
        }

        return true;
    }

    private async Task ReleaseAsync()
    {
        // A commit step of shutdown: not tied to the stopping token, but bounded.
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            if (await LeaseRelease.ReleaseAsync(client, options, time, timeout.Token).ConfigureAwait(false))
            {
                logger.LeaseReleased(LeaseName);
            }
        }
        catch (Exception ex)
        {
            logger.LeaseReleaseFailed(ex, LeaseName);
        }
    }
}
