namespace Cerby.Operator.Runtime.LeaderElection;

/// <summary>The Lease that decides which instance runs the controllers, and its timings (client-go's defaults).</summary>
internal sealed record LeaderElectionOptions
{
    public required string LeaseNamespace { get; init; }

    public required string LeaseName { get; init; }

    /// <summary>This instance's identity in the Lease: pod name plus a random suffix, unique per process.</summary>
    public required string Identity { get; init; }

    /// <summary>How long a standby waits after the last renewal it saw before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leading.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
