using Prometheus;

namespace Cerby.Operator.Observability;

/// <summary>
/// Metrics of access itself, per hub and identity provider: what Prometheus alerts on (drift present, removals held,
/// IdP stale, connector throttled) and what dashboards show (members by role, changes applied). Labels are the
/// resource's namespace and name; a deleted hub's series are removed with <see cref="ForgetHub"/>.
/// </summary>
internal static class AccessMetrics
{
    public static readonly Gauge DriftMembers = Metrics.CreateGauge(
        "cerby_hub_drift_members", "Differences between the app and what is declared that the operator did not cause.", "namespace", "hub");

    public static readonly Gauge Members = Metrics.CreateGauge(
        "cerby_hub_members", "Members the app has, per hub role (\"other\" for native roles the hub does not declare).", "namespace", "hub", "role");

    public static readonly Gauge PendingInvites = Metrics.CreateGauge(
        "cerby_hub_pending_invites", "Invites sent and not yet accepted.", "namespace", "hub");

    public static readonly Gauge Seats = Metrics.CreateGauge(
        "cerby_hub_seats", "The app's paid seats (state total or filled), for apps that report them.", "namespace", "hub", "state");

    public static readonly Gauge RemovalsHeld = Metrics.CreateGauge(
        "cerby_hub_removals_held", "Removals the removal guard holds until a person approves them.", "namespace", "hub");

    public static readonly Gauge PlanChanges = Metrics.CreateGauge(
        "cerby_hub_plan_changes", "Changes planned but not applied (dry run, held, withheld while membership is unknown, or failed).", "namespace", "hub");

    public static readonly Gauge LastSync = Metrics.CreateGauge(
        "cerby_hub_last_sync_timestamp_seconds", "When the hub last synced without error (Unix time).", "namespace", "hub");

    public static readonly Counter Changes = Metrics.CreateCounter(
        "cerby_access_changes_total", "Changes made in apps, per kind (Invite, Add, RaiseRole, …) and result (applied, already_in_place, failed).",
        "namespace", "hub", "kind", "result");

    public static readonly Counter ConnectorCalls = Metrics.CreateCounter(
        "cerby_connector_calls_total", "Connector operations per hub (operation read: one complete read of the app; apply: one change).",
        "namespace", "hub", "connector", "operation");

    public static readonly Counter ConnectorErrors = Metrics.CreateCounter(
        "cerby_connector_errors_total", "Connector operations that failed, per error kind (Unauthorized, Throttled, Unavailable, InvalidResponse, Rejected).",
        "namespace", "hub", "connector", "kind");

    public static readonly Gauge IdpSyncAge = Metrics.CreateGauge(
        "cerby_idp_sync_age_seconds", "Seconds since the identity provider last answered a read or poll completely.", "namespace", "idp");

    public static readonly Gauge IdpStale = Metrics.CreateGauge(
        "cerby_idp_stale", "1 while the operator works from last-known (stale or unknown) membership of the identity provider.", "namespace", "idp");

    /// <summary>Removes every series of a deleted hub.</summary>
    public static void ForgetHub(string ns, string hub)
    {
        foreach (var gauge in new[] { DriftMembers, PendingInvites, RemovalsHeld, PlanChanges, LastSync })
        {
            gauge.RemoveLabelled(ns, hub);
        }

        foreach (var labels in Members.GetAllLabelValues().Where(l => l[0] == ns && l[1] == hub).ToList())
        {
            Members.RemoveLabelled(labels);
        }

        ForgetSeats(ns, hub);
    }

    /// <summary>Removes a hub's seat series (the hub is gone, or its app no longer says).</summary>
    public static void ForgetSeats(string ns, string hub)
    {
        Seats.RemoveLabelled(ns, hub, "total");
        Seats.RemoveLabelled(ns, hub, "filled");
    }

    /// <summary>Removes the series of a deleted identity provider.</summary>
    public static void ForgetIdp(string ns, string idp)
    {
        IdpSyncAge.RemoveLabelled(ns, idp);
        IdpStale.RemoveLabelled(ns, idp);
    }
}
