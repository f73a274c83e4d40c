using Cerby.Operator.Connectors;
using Cerby.Operator.Controllers.Shares;
using Cerby.Operator.Controllers.World;
using Cerby.Operator.Observability;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;
using k8s;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// The converging loop, and the only writer to apps. Gather (<see cref="GatherAsync"/>: the access model, the Secret, the
/// connector, a read of the app, the ledger) → decide (<see cref="BusinessHubDecision"/>, pure) → act (Events, apply,
/// ledger, status, metrics, the shares' grants). Runs on any change of the hub, its shares, its teams' membership, and
/// every resync interval.
/// </summary>
internal sealed class BusinessHubReconciler(
    InformerSet informers,
    AccessWorld world,
    HubConnections connections,
    SecretReader secrets,
    PlanApplier applier,
    ShareGrantBoard shareGrants,
    StatusWriter status,
    EventRecorder events,
    IKubernetes client,
    TimeProvider time,
    ILogger<BusinessHubReconciler> logger) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var inputs = await GatherAsync(key, cancellationToken);
        var decision = BusinessHubDecision.Decide(inputs, time.GetUtcNow());
        return await ActAsync(key, inputs, decision, cancellationToken);
    }

    /// <summary>Reads everything the decision needs; stops at the first input that is missing (see <see cref="HubInputs"/>).</summary>
    private async Task<HubInputs> GatherAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var hubKey = $"{key.Namespace}/{key.Name}";
        if (informers.Get<BusinessHub>().Cache.Get(key) is not { } hub || hub.Metadata.DeletionTimestamp is not null)
        {
            return new HubInputs(null, hubKey);
        }

        var started = time.GetUtcNow();
        var shares = informers.Get<TeamShare>().Cache.ByIndex(Indexes.SharesByHub, ResourceKeys.Of(hub.Metadata)).ToList();
        var gathered = world.Read(model => model.Hubs.TryGetValue(hubKey, out var hubModel)
            ? (Model: hubModel, Desired: model.Desired(hubKey), Problems: (IReadOnlyList<string>)[], NextChange: model.NextChangeOf(hubKey))
            : (Model: null, Desired: null, Problems: model.Problems.Where(p => p.Kind == BusinessHub.KindName && p.Key == hubKey).Select(p => $"{p.Field}: {p.Message}").ToList(), NextChange: null));
        var inputs = new HubInputs(hub, hubKey, gathered.Model, gathered.Desired, gathered.Problems, shares, started, NextChange: gathered.NextChange);
        if (hub.Spec.Policy.Paused || gathered.Model is null)
        {
            return inputs;
        }

        if (await secrets.ReadAsync(key.Namespace, hub.Spec.Connector.CredentialsSecretRef.Name, cancellationToken) is not { } secret)
        {
            return inputs with { SecretMissing = true };
        }

        HubConnection connection;
        try
        {
            connection = connections.Get(hub, hubKey, new ConnectionInputs(secret, AssetsOf(shares), AttributePathsOf(hub)));
        }
        catch (ArgumentException e)
        {
            return inputs with { ConnectionProblem = e.Message };
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
            return inputs with { Connection = connection, ReadProblem = e };
        }

        // Every hub journals its changes in flight; only apps that cannot mark who the operator added (Meta) keep members.
        // Pending changes are settled against this read now: the planner needs to know whom the operator manages.
        var ledger = await ManagedLedger.LoadAsync(client, key.Namespace, key.Name, cancellationToken, keepsMembers: connection.KeepsLedger);
        await applier.ResolvePendingAsync(hub, hubKey, ledger, actual, cancellationToken);
        if (ledger.KeepsMembers)
        {
            var managed = ledger.Keys;
            actual = actual with { Members = actual.Members.ToDictionary(kv => kv.Key, kv => kv.Value with { Managed = kv.Value.Managed || managed.Contains(kv.Key) }, StringComparer.Ordinal) };
        }

        ledger.Observe([.. actual.Members.Keys], [.. inputs.Desired!.Members.Keys], time.GetUtcNow()); // since when each member is known
        return inputs with { Connection = connection, Actual = actual, Ledger = ledger };
    }

    /// <summary>Does what the decision says: nothing here decides.</summary>
    private async Task<ReconcileResult> ActAsync(ResourceKey key, HubInputs inputs, HubDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Forget || inputs.Hub is not { } hub)
        {
            connections.Forget(inputs.HubKey);
            shareGrants.Forget(inputs.HubKey);
            AccessMetrics.ForgetHub(key.Namespace, key.Name);
            return decision.Result ?? ReconcileResult.Success;
        }

        if (decision.Grants is { } grants)
        {
            shareGrants.Post(inputs.HubKey, grants, decision.SharesToRefresh);
        }

        if (decision.Problem is { } problem)
        {
            logger.ResourceProblem(BusinessHub.KindName, ResourceKey.Of(hub).ToString(), problem);
        }

        foreach (var e in decision.Events)
        {
            await events.WarningAsync(hub, e.Reason, e.Action, e.Note, cancellationToken);
        }

        if (decision.Status is { } early)
        {
            await status.UpdateAsync(hub, h => h.Status = early, cancellationToken);
            return decision.Result ?? ReconcileResult.Success;
        }

        var plan = decision.Plan!;
        ApplySummary? applied = null;
        try
        {
            if (decision.ToApply.Count > 0)
            {
                applied = await applier.ApplyAsync(hub, inputs.HubKey, inputs.Connection!, decision.ToApply, inputs.Ledger, cancellationToken);
            }
        }
        finally
        {
            await inputs.Ledger!.SaveAsync(client, hub, CancellationToken.None);
        }

        var report = BusinessHubDecision.Report(inputs, decision, applied, time.GetUtcNow());
        logger.HubSynced(inputs.HubKey, applied?.Applied ?? 0, applied?.Failed.Count ?? 0, plan.HeldRemovals.Count, plan.Withheld.Count, plan.Drift.Count);
        await status.UpdateAsync(hub, h => h.Status = report.Status, cancellationToken);
        HubMetrics.Record(hub, inputs.Model!, report.Sync, report.LastSync);
        return report.Result;
    }

    private static List<AssetRef> AssetsOf(IEnumerable<TeamShare> shares) =>
        [.. shares.SelectMany(s => s.Spec.Assets).Select(a => new AssetRef(a.Kind, a.Id)).Distinct()];

    private List<string> AttributePathsOf(BusinessHub hub) =>
        [.. informers.Get<IdentityProvider>().Cache.List()
            .Where(idp => idp.Metadata.NamespaceProperty == hub.Metadata.NamespaceProperty && idp.Spec.AppIntegration?.HubRef.Name == hub.Metadata.Name)
            .SelectMany(idp => idp.Spec.AppIntegration!.AttributeMappings).Select(m => m.AppAttribute).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
