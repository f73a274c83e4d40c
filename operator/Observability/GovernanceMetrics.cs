using Prometheus;

namespace Cerby.Operator.Observability;

/// <summary>
/// Metrics of time-bound access and access reviews: when shares expire (alert on
/// <c>cerby_share_expiry_timestamp_seconds - time() &lt; 86400</c>), reviews still open, and lines overdue.
/// </summary>
internal static class GovernanceMetrics
{
    public static readonly Gauge ShareExpiry = Metrics.CreateGauge(
        "cerby_share_expiry_timestamp_seconds", "When a TeamShare stops granting access (Unix time); only shares with expiresAt or duration.", "namespace", "share", "hub");

    public static readonly Gauge ReviewOpen = Metrics.CreateGauge(
        "cerby_access_review_open", "1 while an AccessReview is before its due date with lines still undecided.", "namespace", "review");

    public static readonly Gauge ReviewOverdueLines = Metrics.CreateGauge(
        "cerby_access_review_overdue_lines", "Lines of an AccessReview past its due date without a decision.", "namespace", "review");

    /// <summary>Records a share's expiry, or removes its series when it has none (or is gone).</summary>
    public static void RecordShare(string ns, string share, string hub, DateTimeOffset? expiresAt)
    {
        foreach (var labels in ShareExpiry.GetAllLabelValues().Where(l => l[0] == ns && l[1] == share && (expiresAt is null || l[2] != hub)).ToList())
        {
            ShareExpiry.RemoveLabelled(labels);
        }

        if (expiresAt is { } at)
        {
            ShareExpiry.WithLabels(ns, share, hub).Set(at.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    /// <summary>Records a review's open state and overdue lines; <paramref name="exists"/> false removes its series.</summary>
    public static void RecordReview(string ns, string review, bool exists, bool open = false, int overdueLines = 0)
    {
        if (!exists)
        {
            ReviewOpen.RemoveLabelled(ns, review);
            ReviewOverdueLines.RemoveLabelled(ns, review);
            return;
        }

        ReviewOpen.WithLabels(ns, review).Set(open ? 1 : 0);
        ReviewOverdueLines.WithLabels(ns, review).Set(overdueLines);
    }
}
