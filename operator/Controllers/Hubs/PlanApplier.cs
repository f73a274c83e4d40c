using Cerby.Operator.Connectors;
using Cerby.Operator.Observability;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Events;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>What applying a plan did.</summary>
/// <param name="Failed">Changes the app refused or could not take, with why.</param>
/// <param name="Skipped">Narrowing changes not tried because a grant for the same user failed (a move never drops access in between), or because the app stopped answering.</param>
/// <param name="StoppedBy">The failure that stopped the run (throttled, unauthorized, unavailable); null when every change was tried.</param>
internal sealed record ApplySummary(int Applied, int AlreadyInPlace, IReadOnlyList<(AccessChange Change, ConnectorException Error)> Failed, int Skipped, ConnectorException? StoppedBy);

/// <summary>
/// Applies a plan's changes in order through the hub's connector: each one gets an Event, a metric increment and a log
/// line (never a credential), and the ledger learns who the operator provisioned or removed. A user whose grant failed
/// keeps everything (their narrowing changes are skipped); a throttled, unauthorized or unreachable app stops the run.
/// </summary>
internal sealed class PlanApplier(EventRecorder events, ILogger<PlanApplier> logger)
{
    public async Task<ApplySummary> ApplyAsync(
        BusinessHub hub, string hubKey, HubConnection connection, IReadOnlyList<AccessChange> changes, ManagedLedger? ledger, CancellationToken cancellationToken)
    {
        var ns = hub.Metadata.NamespaceProperty ?? "";
        var (applied, inPlace, skipped) = (0, 0, 0);
        var failed = new List<(AccessChange, ConnectorException)>();
        var failedUsers = new HashSet<string>(StringComparer.Ordinal);
        ConnectorException? stoppedBy = null;
        foreach (var change in changes)
        {
            if (stoppedBy is not null || (change.Kind.NarrowsAccess() && failedUsers.Contains(change.UserKey)))
            {
                skipped++;
                continue;
            }

            try
            {
                var result = await connection.Connector.ApplyAsync(change, cancellationToken);
                AccessMetrics.ConnectorCalls.WithLabels(ns, hub.Metadata.Name, connection.Type, "apply").Inc();
                var outcome = result.Outcome == ApplyOutcome.Applied ? "applied" : "already_in_place";
                AccessMetrics.Changes.WithLabels(ns, hub.Metadata.Name, change.Kind.ToString(), outcome).Inc();
                _ = result.Outcome == ApplyOutcome.Applied ? applied++ : inPlace++;
                Record(ledger, change);
                logger.ChangeApplied(hubKey, change.Kind.ToString(), change.Email, change.From ?? "none", change.To ?? "none", outcome, result.Detail, change.Reason);
                await events.NormalAsync(hub, ChangeEvents.Reason(change), ChangeEvents.Action(change),
                    ChangeEvents.Note(hubKey, change, result.Outcome == ApplyOutcome.Applied ? null : "already in place"), cancellationToken);
            }
            catch (ConnectorException e)
            {
                failed.Add((change, e));
                failedUsers.Add(change.UserKey);
                AccessMetrics.ConnectorCalls.WithLabels(ns, hub.Metadata.Name, connection.Type, "apply").Inc();
                AccessMetrics.ConnectorErrors.WithLabels(ns, hub.Metadata.Name, connection.Type, e.Kind.ToString()).Inc();
                AccessMetrics.Changes.WithLabels(ns, hub.Metadata.Name, change.Kind.ToString(), "failed").Inc();
                logger.ChangeFailed(hubKey, change.Kind.ToString(), change.Email, e.Kind.ToString(), e.Message);
                await events.WarningAsync(hub, ChangeEvents.ApplyFailed, ChangeEvents.Action(change),
                    $"{ChangeEvents.Note(hubKey, change)}; failed ({e.Kind}): {e.Message}", cancellationToken);
                if (e.Kind is ConnectorErrorKind.Throttled or ConnectorErrorKind.Unauthorized or ConnectorErrorKind.Unavailable)
                {
                    stoppedBy = e;
                }
            }
        }

        return new ApplySummary(applied, inPlace, failed, skipped, stoppedBy);
    }

    private static void Record(ManagedLedger? ledger, AccessChange change)
    {
        switch (change.Kind)
        {
            case AccessChangeKind.Invite or AccessChangeKind.Add:
                ledger?.Add(change.UserKey);
                break;
            case AccessChangeKind.Remove or AccessChangeKind.CancelInvite:
                ledger?.Remove(change.UserKey);
                break;
        }
    }
}
