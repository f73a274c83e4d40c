namespace Cerby.Operator.Hosting;

/// <summary>
/// Settings of <c>cerby-operator run</c>, from flags or environment variables (flags win); see
/// <see cref="OperatorOptionsParser"/> for the names and <see cref="OperatorOptionsValidator"/> for the bounds.
/// </summary>
internal sealed record OperatorOptions
{
    public const string DefaultAddress = "0.0.0.0:8080";
    public const string DefaultLeaseName = "cerby-operator-leader";
    public const int DefaultWorkers = 4;
    public const int MinWorkers = 1;
    public const int MaxWorkers = 64;
    public const int DefaultAppWriteConcurrency = 8;
    public const int MaxAppWriteConcurrency = 64;
    public static readonly TimeSpan DefaultResyncInterval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinResyncInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxResyncInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinLeaseDuration = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinRetryPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>Namespaces watched; empty for all namespaces.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>
    /// A Kubernetes label selector over BusinessHubs (e.g. <c>sharding.access.cerby.io/shard=shard1</c>); empty for every
    /// hub. With one, this instance is a shard: it syncs only the hubs that match, the TeamShares on them, the
    /// IdpGroupBindings feeding their teams and the IdentityProviders those need (see <c>Controllers/Sharding</c>).
    /// </summary>
    public string HubSelector { get; init; } = "";

    /// <summary>host:port serving /healthz, /readyz and /metrics.</summary>
    public string Address { get; init; } = DefaultAddress;

    /// <summary>Whether instances elect a leader through a Lease (only the leader reconciles).</summary>
    public bool LeaderElection { get; init; } = true;

    public string LeaseName { get; init; } = DefaultLeaseName;

    /// <summary>Namespace of the Lease; the pod's namespace when unset.</summary>
    public string LeaseNamespace { get; init; } = "default";

    /// <summary>How long a standby waits after the last renewal it saw before it takes a Lease that was not released.</summary>
    public TimeSpan LeaseDuration { get; init; } = Cerby.Operator.Runtime.LeaderElection.LeaderElectionOptions.DefaultLeaseDuration;

    /// <summary>How long the leader keeps failing to renew before it stops its controllers.</summary>
    public TimeSpan RenewDeadline { get; init; } = Cerby.Operator.Runtime.LeaderElection.LeaderElectionOptions.DefaultRenewDeadline;

    /// <summary>Time between renewals (leader) and between tries to acquire (standby).</summary>
    public TimeSpan RetryPeriod { get; init; } = Cerby.Operator.Runtime.LeaderElection.LeaderElectionOptions.DefaultRetryPeriod;

    /// <summary>Workers per controller.</summary>
    public int Workers { get; init; } = DefaultWorkers;

    /// <summary>Writes of different users sent to one app at the same time, at most (connectors whose users' writes are independent).</summary>
    public int AppWriteConcurrency { get; init; } = DefaultAppWriteConcurrency;

    /// <summary>How often every object is reconciled even when nothing changed.</summary>
    public TimeSpan ResyncInterval { get; init; } = DefaultResyncInterval;

    /// <summary>How long before a TeamShare expires the operator warns (Event ShareExpiring).</summary>
    public TimeSpan ShareExpiryWarning { get; init; } = TimeSpan.FromHours(24);

    /// <summary>This instance's name in events and the Lease (the pod name).</summary>
    public string PodName { get; init; } = Environment.MachineName;
}
