namespace Cerby.Operator.Runtime.LeaderElection;

/// <summary>
/// The Lease that decides which instance runs the controllers, and its timings. A leader killed without releasing the
/// Lease is replaced after at most <see cref="LeaseDuration"/> + 2 × <see cref="RetryPeriod"/> (a standby measures the
/// duration from when it first saw the last renewal, and it looks once per retry period): 12 s with the defaults. A leader
/// that cannot renew stops its controllers at most <see cref="RetryPeriod"/> + <see cref="RenewDeadline"/> after its last
/// renewal (7 s), before any standby may take over (10 s), so two instances never reconcile at once.
/// </summary>
internal sealed record LeaderElectionOptions
{
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultRenewDeadline = TimeSpan.FromSeconds(6);
    public static readonly TimeSpan DefaultRetryPeriod = TimeSpan.FromSeconds(1);

    public required string LeaseNamespace { get; init; }

    public required string LeaseName { get; init; }

    /// <summary>This instance's identity in the Lease: pod name plus a random suffix, unique per process.</summary>
    public required string Identity { get; init; }

    /// <summary>How long a standby waits after the last renewal it saw before taking over.</summary>
    public TimeSpan LeaseDuration { get; init; } = DefaultLeaseDuration;

    /// <summary>How long the leader keeps trying to renew before it gives up leading.</summary>
    public TimeSpan RenewDeadline { get; init; } = DefaultRenewDeadline;

    /// <summary>Time between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = DefaultRetryPeriod;

    /// <summary>The longest a standby takes to replace a leader that stopped renewing without releasing the Lease.</summary>
    public TimeSpan TakeoverBound => LeaseDuration + RetryPeriod * 2;
}
