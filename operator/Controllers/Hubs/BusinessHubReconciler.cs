using Cerby.Operator.Connectors;
using Cerby.Operator.Controllers.World;
using Cerby.Operator.Observability;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;
using k8s;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// The converging loop, and the only writer to apps: gather who should have access (the access model), read the app
/// through its connector, plan, apply within the hub's policy, and report (status, Events, metrics). Runs on any change
/// of the hub, its shares, its teams' membership, and every resync interval.
/// </summary>
internal sealed class BusinessHubReconciler(
    InformerSet informers,
    AccessWorld world,
    HubConnections connections,
    SecretReader secrets,
    PlanApplier applier,
    StatusWriter status,
    EventRecorder events,
    IKubernetes client,
    TimeProvider time,
    ILogger<BusinessHubReconciler> logger) : IReconciler
{
    /// <summary>How soon a hub is synced again after it changed the app, to confirm the changes took.</summary>
    public static readonly TimeSpan VerifyAfter = TimeSpan.FromSeconds(1);

    /// <summary>How soon a hub whose app or credentials failed is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var hubKey = $"{key.Namespace}/{key.Name}";
        if (informers.Get<BusinessHub>().Cache.Get(key) is not { } hub || hub.Metadata.DeletionTimestamp is not null)
        {
            // Deleting a hub stops managing the app; it never empties it.
            connections.Forget(hubKey);
            AccessMetrics.ForgetHub(key.Namespace, key.Name);
            return ReconcileResult.Success;
        }

        if (hub.Spec.Policy.Paused)
        {
            await status.UpdateAsync(hub, h => HubStatusBuilder.NotSynced(h, "Paused", "spec.policy.paused is true: the operator reads and changes nothing in the app", time), cancellationToken);
            return ReconcileResult.Success;
        }

        var started = time.GetUtcNow();
        var gathered = world.Read(model => model.Hubs.TryGetValue(hubKey, out var hubModel)
            ? (Model: hubModel, Desired: model.Desired(hubKey), Problems: (IReadOnlyList<string>)[])
            : (Model: null, Desired: null, Problems: model.Problems.Where(p => p.Kind == BusinessHub.KindName && p.Key == hubKey).Select(p => $"{p.Field}: {p.Message}").ToList()));
        if (gathered.Model is null || gathered.Desired is null)
        {
            var message = gathered.Problems.Count == 0 ? "the hub is not known to the access model yet" : string.Join("; ", gathered.Problems);
            return await NotSyncedAsync(hub, ChangeEvents.InvalidSpec, message, cancellationToken, terminal: true);
        }

        var secretRef = hub.Spec.Connector.CredentialsSecretRef;
        if (await secrets.ReadAsync(key.Namespace, secretRef.Name, cancellationToken) is not { } secret)
        {
            return await NotSyncedAsync(hub, ChangeEvents.CredentialsMissing, $"Secret {key.Namespace}/{secretRef.Name} does not exist; create it with key \"{HubConnections.TokenKey}\"", cancellationToken);
        }

        HubConnection connection;
        try
        {
            connection = connections.Get(hub, hubKey, new ConnectionInputs(secret, AssetsOf(hub), AttributePathsOf(hub)));
        }
        catch (ArgumentException e)
        {
            return await NotSyncedAsync(hub, ChangeEvents.CredentialsMissing, e.Message, cancellationToken);
        }

        ActualAccess actual;
        try
        {
            actual = await connection.Connector.ReadAsync(cancellationToken);
            AccessMetrics.ConnectorCalls.WithLabels(key.Namespace, key.Name, connection.Type, "read").Inc();
        }
        catch (ConnectorException e)
        {
            AccessMetrics.ConnectorCalls.WithLabels(key.Namespace, key.Name, connection.Type, "read").Inc();
            AccessMetrics.ConnectorErrors.WithLabels(key.Namespace, key.Name, connection.Type, e.Kind.ToString()).Inc();
            logger.HubReadFailed(hubKey, e.Kind.ToString(), e.Message);
            return await NotSyncedAsync(hub, ChangeEvents.ReadFailed, $"the app could not be read ({e.Kind}): {e.Message}; nothing was changed", cancellationToken);
        }

        // Every hub journals its changes in flight; only apps that cannot mark who the operator added (Meta) keep members.
        var ledger = await ManagedLedger.LoadAsync(client, key.Namespace, key.Name, cancellationToken, keepsMembers: connection.KeepsLedger);
        await applier.ResolvePendingAsync(hub, hubKey, ledger, actual, cancellationToken);
        if (ledger.KeepsMembers)
        {
            var managed = ledger.Keys;
            actual = actual with { Members = actual.Members.ToDictionary(kv => kv.Key, kv => kv.Value with { Managed = kv.Value.Managed || managed.Contains(kv.Key) }, StringComparer.Ordinal) };
        }

        ledger.Observe([.. actual.Members.Keys], [.. gathered.Desired.Members.Keys], time.GetUtcNow());
        var plan = AccessPlanner.Plan(gathered.Model, gathered.Desired, actual, Annotation(hub, Annotations.ApproveRemovals), Annotation(hub, Annotations.ApplyDrift));
        await ReportDecisionsAsync(hub, hubKey, plan, actual.Seats, cancellationToken);

        var dryRun = hub.Spec.Policy.DryRun;
        ApplySummary? applied = null;
        try
        {
            if (!dryRun && plan.Changes.Count > 0)
            {
                applied = await applier.ApplyAsync(hub, hubKey, connection, plan.Changes, ledger, cancellationToken);
            }
        }
        finally
        {
            await ledger.SaveAsync(client, hub, CancellationToken.None);
        }

        var sync = new HubSyncResult(actual, gathered.Desired, plan, applied, dryRun);
        logger.HubSynced(hubKey, applied?.Applied ?? 0, applied?.Failed.Count ?? 0, plan.HeldRemovals.Count, plan.Withheld.Count, plan.Drift.Count);
        await status.UpdateAsync(hub, h => HubStatusBuilder.FromSync(h, gathered.Model, sync, started, time), cancellationToken);
        HubMetrics.Record(hub, gathered.Model, sync, applied is { Failed.Count: > 0 } ? null : started);

        if (applied is { Failed.Count: > 0 } or { Skipped: > 0 })
        {
            return ReconcileResult.RequeueAfter(RetryAfter);
        }

        return ReconcileResult.ResyncAfter(applied is { Applied: > 0 } ? VerifyAfter : ResyncInterval(hub));
    }

    private async Task ReportDecisionsAsync(BusinessHub hub, string hubKey, AccessPlan plan, AppSeats? seats, CancellationToken cancellationToken)
    {
        var joining = plan.Changes.Count(c => c.Kind is AccessChangeKind.Invite or AccessChangeKind.Add);
        if (seats is { } s && joining > 0 && s.Filled >= s.Total)
        {
            await events.WarningAsync(hub, ChangeEvents.SeatsExhausted, "Invite",
                $"{joining} invites or additions planned in hub {hubKey} but the app reports {s.Filled} of {s.Total} seats filled; the app may refuse them until a seat is freed or bought", cancellationToken);
        }

        var reported = plan.Drift.Where(d => !d.Corrected).ToList();
        if (reported.Count > 0)
        {
            var first = string.Join("; ", reported.Take(5).Select(d => d.Change.ToString()));
            await events.WarningAsync(hub, ChangeEvents.DriftDetected, "Report",
                $"{reported.Count} differences in hub {hubKey} that no share justifies and the operator did not cause (report {plan.DriftHash}): {first}", cancellationToken);
        }

        if (plan.HeldRemovals.Count > 0)
        {
            await events.WarningAsync(hub, ChangeEvents.RemovalsHeld, "Hold", plan.HoldReason ?? "", cancellationToken);
        }

        foreach (var mismatch in new[] { ApprovalMismatch.Removals(hub, plan), ApprovalMismatch.Drift(hub, plan) }.OfType<string>())
        {
            await events.WarningAsync(hub, ApprovalMismatch.Reason, "Approve", mismatch, cancellationToken);
        }

        if (plan.Withheld.Count > 0)
        {
            await events.WarningAsync(hub, ChangeEvents.ChangesWithheld, "Withhold",
                $"{plan.Withheld.Count} narrowing changes wait until membership is known: {plan.WithheldReason}", cancellationToken);
        }
    }

    private async Task<ReconcileResult> NotSyncedAsync(BusinessHub hub, string reason, string message, CancellationToken cancellationToken, bool terminal = false)
    {
        logger.ResourceProblem(BusinessHub.KindName, ResourceKey.Of(hub).ToString(), message);
        await events.WarningAsync(hub, reason, "Sync", message, cancellationToken);
        await status.UpdateAsync(hub, h => HubStatusBuilder.NotSynced(h, reason, message, time), cancellationToken);
        return terminal ? ReconcileResult.Terminal(message) : ReconcileResult.RequeueAfter(RetryAfter);
    }

    private List<AssetRef> AssetsOf(BusinessHub hub) =>
        [.. informers.Get<TeamShare>().Cache.ByIndex(Indexes.SharesByHub, ResourceKey.Of(hub).ToString())
            .SelectMany(s => s.Spec.Assets).Select(a => new AssetRef(a.Kind, a.Id)).Distinct()];

    private List<string> AttributePathsOf(BusinessHub hub) =>
        [.. informers.Get<IdentityProvider>().Cache.List()
            .Where(idp => idp.Metadata.NamespaceProperty == hub.Metadata.NamespaceProperty && idp.Spec.AppIntegration?.HubRef.Name == hub.Metadata.Name)
            .SelectMany(idp => idp.Spec.AppIntegration!.AttributeMappings).Select(m => m.AppAttribute).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string? Annotation(BusinessHub hub, string name) =>
        hub.Metadata.Annotations is { } annotations && annotations.TryGetValue(name, out var value) ? value.Trim() : null;

    private static TimeSpan ResyncInterval(BusinessHub hub) =>
        GoDuration.TryParse(hub.Spec.Policy.ResyncInterval, out var interval) && interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(10);
}
