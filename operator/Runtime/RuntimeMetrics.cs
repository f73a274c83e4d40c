using Prometheus;

namespace Cerby.Operator.Runtime;

/// <summary>
/// Metrics of the controller runtime, after controller-runtime's: units in the names, small fixed label sets
/// (controller, result, kind, queue), and every label set created at start (<see cref="InitController"/>) so rate()
/// alerts work before the first failure.
/// </summary>
internal static class RuntimeMetrics
{
    /// <summary>The results a reconcile can have.</summary>
    public static readonly string[] Results = ["success", "error", "requeue_after", "terminal"];

    public static readonly Counter ReconcileTotal = Metrics.CreateCounter(
        "cerby_reconcile_total",
        "Reconciles per controller and result: success (converged, a periodic resync included), error (threw; retried with backoff), requeue_after (did not converge: a failure or something not ready; retried after a delay), terminal (cannot succeed until the object changes).",
        "controller", "result");

    public static readonly Counter ReconcileErrors = Metrics.CreateCounter(
        "cerby_reconcile_errors_total", "Reconciles that threw and were requeued with backoff.", "controller");

    public static readonly Counter TerminalReconcileErrors = Metrics.CreateCounter(
        "cerby_terminal_reconcile_errors_total", "Reconciles that failed terminally and are not retried until the object changes.", "controller");

    public static readonly Histogram ReconcileTime = Metrics.CreateHistogram(
        "cerby_reconcile_time_seconds", "Duration of one reconcile.",
        new HistogramConfiguration
        {
            LabelNames = ["controller"],
            Buckets = Histogram.ExponentialBuckets(0.005, 2, 14),
        });

    public static readonly Gauge ActiveWorkers = Metrics.CreateGauge(
        "cerby_active_workers", "Workers reconciling right now.", "controller");

    public static readonly Gauge WorkQueueDepth = Metrics.CreateGauge(
        "cerby_workqueue_depth", "Keys waiting for a worker.", "controller");

    public static readonly Counter InformerRelists = Metrics.CreateCounter(
        "cerby_informer_relists_total", "Full lists of a kind (start-up, and after 410 Gone).", "kind");

    public static readonly Counter InformerWatchRestarts = Metrics.CreateCounter(
        "cerby_informer_watch_restarts_total", "Watches of a kind that ended or failed and were started again.", "kind");

    public static readonly Gauge LeaderElectionLeading = Metrics.CreateGauge(
        "cerby_leader_election_leading", "1 while this instance holds the leader lease, else 0.", "lease");

    /// <summary>Creates every series of a controller at zero.</summary>
    public static void InitController(string controller)
    {
        foreach (var result in Results)
        {
            ReconcileTotal.WithLabels(controller, result);
        }

        ReconcileErrors.WithLabels(controller);
        TerminalReconcileErrors.WithLabels(controller);
        ActiveWorkers.WithLabels(controller);
        WorkQueueDepth.WithLabels(controller);
    }
}
