using Cerby.Operator.Connectors;
using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.HttpEdge;
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
/// Applies a plan's changes through the hub's connector: each one gets a metric increment and a log line (never a
/// credential), and an Event up to <see cref="HubApplyOptions.EventsPerSync"/> per sync, then one summary Event per
/// reason naming how many more ("provisioned 980 more users"), so a flood makes bounded Kubernetes writes. Changes of
/// different users go out in parallel, up to the hub's <c>spec.writeConcurrency</c> (else
/// <see cref="HubApplyOptions.WriteConcurrency"/>), where the connector says their writes are independent; one user's
/// changes go in plan order. The connection's <see cref="AdaptiveConcurrency"/> lowers that when the app throttles: the
/// limit halves and every write waits out the pause the app asked for, then it grows back one per round of successes. A user whose grant failed keeps everything
/// (their narrowing changes are skipped); a throttled, unauthorized or unreachable app stops the run. The ledger is
/// written <em>before</em> the writes it covers: the membership changes of each batch of <see cref="BatchSize"/> are
/// recorded as pending in one ConfigMap write, then sent, then confirmed with the next batch's record (a 200-user apply
/// costs 5 ConfigMap writes, not 400). A change whose outcome is unknown (lost answer) stays pending; the next sync
/// decides it by reading the app.
/// </summary>
internal sealed class PlanApplier(EventRecorder events, ILogger<PlanApplier> logger, TimeProvider? clock = null, HubApplyOptions? options = null)
{
    /// <summary>Changes recorded as pending per ledger write.</summary>
    public const int BatchSize = 50;

    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly EventRecorder recorder = events;
    private readonly ILogger<PlanApplier> log = logger;
    private readonly HubApplyOptions settings = options ?? new HubApplyOptions();

    /// <param name="stateKnown">The changes were planned from the hub's kept app state: the connector may skip reads it answers.</param>
    public async Task<ApplySummary> ApplyAsync(
        BusinessHub hub, string hubKey, HubConnection connection, IReadOnlyList<AccessChange> changes, ManagedLedger? ledger, CancellationToken cancellationToken,
        bool stateKnown = false)
    {
        var run = new Run(this, hub, hubKey, connection, ledger, stateKnown);
        var ceiling = WriteCeiling(hub, connection);
        connection.Writes.SetCeiling(ceiling);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ceiling, CancellationToken = cancellationToken };
        for (var start = 0; start < changes.Count; start += BatchSize)
        {
            var batch = changes.Skip(start).Take(BatchSize).ToList();
            if (run.StoppedBy is not null)
            {
                run.Skip(batch.Count);
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

            // One chain per user, in plan order within it (a grant before the same user's narrowing changes).
            var chains = batch.GroupBy(c => c.UserKey, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
            await Parallel.ForEachAsync(chains, parallel, async (chain, token) =>
            {
                foreach (var change in chain)
                {
                    await run.ApplyAsync(change, token);
                }
            });
        }

        await run.SummarizeAsync(cancellationToken);
        return run.Summary();
    }

    /// <summary>The most writes of the hub in flight: its spec.writeConcurrency, else the operator's; one for a connector whose users' writes share a resource.</summary>
    public int WriteCeiling(BusinessHub hub, HubConnection connection) =>
        connection.Connector.WritesUsersIndependently ? Math.Max(1, hub.Spec.WriteConcurrency ?? settings.WriteConcurrency) : 1;

    /// <summary>One apply's counts, shared by its parallel chains (every field behind the lock).</summary>
    private sealed class Run(PlanApplier owner, BusinessHub hub, string hubKey, HubConnection connection, ManagedLedger? ledger, bool stateKnown)
    {
        private readonly Lock gate = new();
        private readonly string ns = hub.Metadata.NamespaceProperty ?? "";
        private readonly List<(AccessChange, ConnectorException)> failed = [];
        private readonly HashSet<string> failedUsers = new(StringComparer.Ordinal);
        private readonly Dictionary<(bool Warning, string Reason), int> unlisted = [];
        private int applied;
        private int inPlace;
        private int skipped;
        private int recorded;

        public ConnectorException? StoppedBy { get; private set; }

        public void Skip(int count)
        {
            lock (gate)
            {
                skipped += count;
            }
        }

        public ApplySummary Summary()
        {
            lock (gate)
            {
                return new ApplySummary(applied, inPlace, [.. failed], skipped, StoppedBy);
            }
        }

        public async Task ApplyAsync(AccessChange change, CancellationToken cancellationToken)
        {
            ApplyResult? result;
            ConnectorException? error;
            using (var permit = await connection.Writes.AcquireAsync(cancellationToken))
            {
                lock (gate)
                {
                    if (StoppedBy is not null || (change.Kind.NarrowsAccess() && failedUsers.Contains(change.UserKey)))
                    {
                        skipped++;
                        ledger?.Abandon(change);
                        return;
                    }
                }

                (result, error) = await SendAsync(change, permit, cancellationToken);
            }

            await (error is null ? TookAsync(change, result!, cancellationToken) : FailedAsync(change, error, cancellationToken));
        }

        private async Task TookAsync(AccessChange change, ApplyResult result, CancellationToken cancellationToken)
        {
            var outcome = result.Outcome == ApplyOutcome.Applied ? "applied" : "already_in_place";
            lock (gate)
            {
                ledger?.Confirm(change);
                _ = result.Outcome == ApplyOutcome.Applied ? applied++ : inPlace++;
            }

            AccessMetrics.ConnectorCalls.WithLabels(ns, hub.Metadata.Name, connection.Type, "apply").Inc();
            AccessMetrics.Changes.WithLabels(ns, hub.Metadata.Name, change.Kind.ToString(), outcome).Inc();
            owner.log.ChangeApplied(hubKey, change.Kind.ToString(), change.Email, change.From ?? "none", change.To ?? "none", outcome, result.Detail, change.Reason);
            await RecordAsync(false, ChangeEvents.Reason(change), ChangeEvents.Action(change),
                ChangeEvents.Note(hubKey, change, result.Outcome == ApplyOutcome.Applied ? null : "already in place"), cancellationToken);
        }

        private async Task FailedAsync(AccessChange change, ConnectorException e, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (!e.OutcomeUnknown)
                {
                    ledger?.Abandon(change);
                }

                failed.Add((change, e));
                failedUsers.Add(change.UserKey);
                if (e.Kind is ConnectorErrorKind.Throttled or ConnectorErrorKind.Unauthorized or ConnectorErrorKind.Unavailable)
                {
                    StoppedBy ??= e;
                }
            }

            AccessMetrics.ConnectorCalls.WithLabels(ns, hub.Metadata.Name, connection.Type, "apply").Inc();
            AccessMetrics.ConnectorErrors.WithLabels(ns, hub.Metadata.Name, connection.Type, e.Kind.ToString()).Inc();
            AccessMetrics.Changes.WithLabels(ns, hub.Metadata.Name, change.Kind.ToString(), e.OutcomeUnknown ? "unknown" : "failed").Inc();
            var problem = e.OutcomeUnknown ? $"{e.Message} (outcome unknown: kept pending in the ledger; the next sync reads the app to decide)" : e.Message;
            owner.log.ChangeFailed(hubKey, change.Kind.ToString(), change.Email, e.Kind.ToString(), problem);
            await RecordAsync(true, EventReasons.ApplyFailed, ChangeEvents.Action(change),
                $"{ChangeEvents.Note(hubKey, change)}; failed ({e.Kind}): {problem}", cancellationToken);
        }

        /// <summary>Sends one change while holding a place among the app's writes in flight; a throttle seen on the way backs every write of the hub off.</summary>
        private async Task<(ApplyResult? Result, ConnectorException? Error)> SendAsync(AccessChange change, AdaptiveConcurrency.Permit permit, CancellationToken cancellationToken)
        {
            using var scope = ThrottleScope.Enter(new Backoff(permit, owner.log, hubKey, connection.Writes));
            try
            {
                var result = stateKnown
                    ? await connection.Connector.ApplyFromKnownStateAsync(change, cancellationToken)
                    : await connection.Connector.ApplyAsync(change, cancellationToken);
                permit.Succeeded();
                return (result, null);
            }
            catch (ConnectorException e)
            {
                if (e.Kind == ConnectorErrorKind.Throttled)
                {
                    permit.Throttled(null);
                }

                return (null, e);
            }
        }

        /// <summary>One Event per reason for the changes past the bound.</summary>
        public async Task SummarizeAsync(CancellationToken cancellationToken)
        {
            List<KeyValuePair<(bool Warning, string Reason), int>> rest;
            lock (gate)
            {
                rest = [.. unlisted.OrderBy(kv => kv.Key.Warning).ThenBy(kv => kv.Key.Reason, StringComparer.Ordinal)];
            }

            foreach (var ((warning, reason), count) in rest)
            {
                var (summary, note) = ChangeEvents.Summary(hubKey, reason, count, owner.settings.EventsPerSync);
                await (warning
                    ? owner.recorder.WarningAsync(hub, summary, "Summarize", note, cancellationToken)
                    : owner.recorder.NormalAsync(hub, summary, "Summarize", note, cancellationToken));
            }
        }

        /// <summary>Hands a throttle the edge saw to the hub's write limit, logging when it halved it.</summary>
        private sealed class Backoff(AdaptiveConcurrency.Permit permit, ILogger logger, string hubKey, AdaptiveConcurrency writes) : IThrottleListener
        {
            public ValueTask WaitOutPauseAsync(CancellationToken cancellationToken) => permit.WaitOutPauseAsync(cancellationToken);

            public bool Throttled(TimeSpan? wait)
            {
                var halved = permit.Throttled(wait);
                if (halved)
                {
                    logger.WritesBackedOff(hubKey, writes.Limit, wait ?? AdaptiveConcurrency.DefaultPause);
                }

                return halved;
            }
        }

        private async Task RecordAsync(bool warning, string reason, string action, string note, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (recorded >= owner.settings.EventsPerSync)
                {
                    unlisted[(warning, reason)] = unlisted.GetValueOrDefault((warning, reason)) + 1;
                    return;
                }

                recorded++;
            }

            await (warning
                ? owner.recorder.WarningAsync(hub, reason, action, note, cancellationToken)
                : owner.recorder.NormalAsync(hub, reason, action, note, cancellationToken));
        }
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
            log.PendingChangeResolved(hubKey, pending.Kind.ToString(), pending.Email, verdict == PendingVerdict.Confirmed ? "confirmed" : "not applied");
            if (verdict == PendingVerdict.Confirmed)
            {
                await recorder.NormalAsync(hub, ChangeEvents.Reason(change), ChangeEvents.Action(change), note, cancellationToken);
            }
            else
            {
                await recorder.WarningAsync(hub, EventReasons.ApplyFailed, ChangeEvents.Action(change), note, cancellationToken);
            }
        }
    }
}
