namespace Cerby.Operator.Runtime.Hosting;

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
    public static readonly TimeSpan DefaultResyncInterval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinResyncInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxResyncInterval = TimeSpan.FromHours(24);

    /// <summary>Namespaces watched; empty for all namespaces.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>host:port serving /healthz, /readyz and /metrics.</summary>
    public string Address { get; init; } = DefaultAddress;

    /// <summary>Whether instances elect a leader through a Lease (only the leader reconciles).</summary>
    public bool LeaderElection { get; init; } = true;

    public string LeaseName { get; init; } = DefaultLeaseName;

    /// <summary>Namespace of the Lease; the pod's namespace when unset.</summary>
    public string LeaseNamespace { get; init; } = "default";

    /// <summary>Workers per controller.</summary>
    public int Workers { get; init; } = DefaultWorkers;

    /// <summary>How often every object is reconciled even when nothing changed.</summary>
    public TimeSpan ResyncInterval { get; init; } = DefaultResyncInterval;

    /// <summary>This instance's name in events and the Lease (the pod name).</summary>
    public string PodName { get; init; } = Environment.MachineName;
}
