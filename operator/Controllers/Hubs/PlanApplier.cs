using Cerby.Operator.Connectors;
using Cerby.Operator.Controllers.Vocabulary;
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
/// line (never a credential). A user whose grant failed keeps everything (their narrowing changes are skipped); a
/// throttled, unauthorized or unreachable app stops the run. The ledger is written <em>before</em> the writes it covers:
/// the membership changes of each batch of <see cref="BatchSize"/> are recorded as pending in one ConfigMap write, then
/// sent, then confirmed with the next batch's record (a 200-user apply costs 5 ConfigMap writes, not 400). A change whose
/// outcome is unknown (lost answer) stays pending; the next sync decides it by reading the app.
/// </summary>
internal sealed class PlanApplier(EventRecorder events, ILogger<PlanApplier> logger, TimeProvider? clock = null)
{
    /// <summary>Changes recorded as pending per ledger write.</summary>
    public const int BatchSize = 50;

    private readonly TimeProvider time = clock ?? TimeProvider.System;

    public async Task<ApplySummary> ApplyAsync(
        BusinessHub hub, string hubKey, HubConnection connection, IReadOnlyList<AccessChange> changes, ManagedLedger? ledger, CancellationToken cancellationToken)
    {
        var ns = hub.Metadata.NamespaceProperty ?? "";
        var (applied, inPlace, skipped) = (0, 0, 0);
        var failed = new List<(AccessChange, ConnectorException)>();
        var failedUsers = new HashSet<string>(StringComparer.Ordinal);
        ConnectorException? stoppedBy = null;
        for (var start = 0; start < changes.Count; start += BatchSize)
        {
            var batch = changes.Skip(start).Take(BatchSize).ToList();
            if (stoppedBy is not null)
            {
                skipped += batch.Count;
                continue;
            }

            if (ledger is not null)
            {
                // Recorded before any of these writes goes out; a failure here stops the apply with nothing sent.
                var now = time.GetUtcNow();
                foreach (var change in batch)
                {
                    ledger.Begin(change, now);
                }

                await ledger.SaveAsync(hub, cancellationToken);
            }

            foreach (var change in batch)
            {
                if (stoppedBy is not null || (change.Kind.NarrowsAccess() && failedUsers.Contains(change.UserKey)))
                {
                    skipped++;
                    ledger?.Abandon(change);
                    continue;
                }

                try
                {
                    var result = await connection.Connector.ApplyAsync(change, cancellationToken);
                    ledger?.Confirm(change);
                    AccessMetrics.ConnectorCalls.WithLabels(ns, hub.Metadata.Name, connection.Type, "apply").Inc();
                    var outcome = result.Outcome == ApplyOutcome.Applied ? "applied" : "already_in_place";
                    AccessMetrics.Changes.WithLabels(ns, hub.Metadata.Name, change.Kind.ToString(), outcome).Inc();
                    _ = result.Outcome == ApplyOutcome.Applied ? applied++ : inPlace++;
                    logger.ChangeApplied(hubKey, change.Kind.ToString(), change.Email, change.From ?? "none", change.To ?? "none", outcome, result.Detail, change.Reason);
                    await events.NormalAsync(hub, ChangeEvents.Reason(change), ChangeEvents.Action(change),
                        ChangeEvents.Note(hubKey, change, result.Outcome == ApplyOutcome.Applied ? null : "already in place"), cancellationToken);
                }
                catch (ConnectorException e)
                {
                    if (!e.OutcomeUnknown)
                    {
                        ledger?.Abandon(change);
                    }

                    failed.Add((change, e));
                    failedUsers.Add(change.UserKey);
                    AccessMetrics.ConnectorCalls.WithLabels(ns, hub.Metadata.Name, connection.Type, "apply").Inc();
                    AccessMetrics.ConnectorErrors.WithLabels(ns, hub.Metadata.Name, connection.Type, e.Kind.ToString()).Inc();
                    AccessMetrics.Changes.WithLabels(ns, hub.Metadata.Name, change.Kind.ToString(), e.OutcomeUnknown ? "unknown" : "failed").Inc();
                    var problem = e.OutcomeUnknown ? $"{e.Message} (outcome unknown: kept pending in the ledger; the next sync reads the app to decide)" : e.Message;
                    logger.ChangeFailed(hubKey, change.Kind.ToString(), change.Email, e.Kind.ToString(), problem);
                    await events.WarningAsync(hub, EventReasons.ApplyFailed, ChangeEvents.Action(change),
                        $"{ChangeEvents.Note(hubKey, change)}; failed ({e.Kind}): {problem}", cancellationToken);
                    if (e.Kind is ConnectorErrorKind.Throttled or ConnectorErrorKind.Unauthorized or ConnectorErrorKind.Unavailable)
                    {
                        stoppedBy = e;
                    }
                }
            }
        }

        return new ApplySummary(applied, inPlace, failed, skipped, stoppedBy);
    }

    /// <summary>
    /// Decides the ledger's pending changes from the app as this sync read it, before planning: a confirmed one gets the
    /// Event it never got (e.g. <c>UserProvisioned</c>, "confirmed after restart") and, for an invite or add, a place
    /// among the members; one that did not take effect gets <c>ApplyFailed</c> and is dropped (the planner plans it again
    /// if it is still needed); a recent invite or add not visible yet stays pending, and managed.
    /// </summary>
    public async Task ResolvePendingAsync(BusinessHub hub, string hubKey, ManagedLedger ledger, ActualAccess actual, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var pending in ledger.Pending.Values.ToList())
        {
            var verdict = PendingResolution.Decide(pending, actual, now);
            if (verdict == PendingVerdict.Undecided)
            {
                continue;
            }

            ledger.Resolve(pending, verdict == PendingVerdict.Confirmed);
            var change = new AccessChange(pending.Kind, pending.UserKey, pending.Email, null, null, "pending in the ledger", pending.NativeRole);
            var note = PendingResolution.Note(hubKey, pending, verdict, actual);
            logger.PendingChangeResolved(hubKey, pending.Kind.ToString(), pending.Email, verdict == PendingVerdict.Confirmed ? "confirmed" : "not applied");
            if (verdict == PendingVerdict.Confirmed)
            {
                await events.NormalAsync(hub, ChangeEvents.Reason(change), ChangeEvents.Action(change), note, cancellationToken);
            }
            else
            {
                await events.WarningAsync(hub, EventReasons.ApplyFailed, ChangeEvents.Action(change), note, cancellationToken);
            }
        }
    }
}
