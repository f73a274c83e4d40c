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
/// connector, the app's state, the ledger) → decide (<see cref="BusinessHubDecision"/>, pure) → act (Events, apply,
/// ledger, status, metrics, the shares' grants). Runs on any change of the hub, its shares, its teams' membership, and
/// every resync interval.
/// </summary>
/// <remarks>
/// Work proportional to the change, not to the app: the hub keeps the app's state (<see cref="AppStateCache"/>) and
/// reads the whole app only on the resync interval (the drift check), on "check for updates", for a new connector, at
/// the start of leadership and after a write failed or was refused. Between full reads it reads members one by one: the
/// ledger's pending ones, the ones a narrowing change touches (before it is sent: a kept state may be stale, and never
/// narrows access unconfirmed) and the ones its writes changed (after: the verification).
/// </remarks>
internal sealed class BusinessHubReconciler(
    InformerSet informers,
    AccessWorld world,
    HubConnections connections,
    SecretReader secrets,
    PlanApplier applier,
    AppStateCache appStates,
    ShareGrantBoard shareGrants,
    StatusWriter status,
    EventRecorder events,
    IKubernetes client,
    TimeProvider time,
    ILogger<BusinessHubReconciler> logger) : IReconciler
{
    /// <summary>Past this many changed members, an apply is verified by one full read instead of a read per member.</summary>
    public const int TargetedReadLimit = 100;

    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var inputs = await GatherAsync(key, cancellationToken);
        var decision = BusinessHubDecision.Decide(inputs, time.GetUtcNow());
        if (decision.ToConfirm is { Count: > 0 } toConfirm)
        {
            // Narrowing changes planned from the kept state: read their members, then decide again from what the app says.
            inputs = await ConfirmAsync(inputs, Emails(decision.Plan!.Changes, toConfirm), cancellationToken);
            decision = BusinessHubDecision.Decide(inputs, time.GetUtcNow());
            if (decision.ToConfirm is { Count: > 0 })
            {
                appStates.Invalidate(inputs.HubKey);
            }
        }

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

        var cached = appStates.Get(hubKey);
        var kept = AppStateCache.Usable(cached, connection.Connector, Annotation(hub, Annotations.RequestSync), BusinessHubDecision.ResyncInterval(hub), started);
        ActualAccess appState;
        try
        {
            appState = kept ? cached!.Actual : await ReadAllAsync(hub, hubKey, connection, started, cancellationToken);
        }
        catch (ConnectorException e)
        {
            return inputs with { Connection = connection, ReadProblem = e };
        }

        // Every hub journals its changes in flight; only apps that cannot mark who the operator added (Meta) keep members.
        // Pending changes are settled against the app now (their members read one by one when the state is kept): the
        // planner needs to know whom the operator manages.
        var ledger = await ManagedLedger.LoadAsync(client, key.Namespace, key.Name, cancellationToken, keepsMembers: connection.KeepsLedger);
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        if (kept && ledger.Pending.Count > 0)
        {
            try
            {
                appState = await ReadMembersAsync(hub, hubKey, connection, appState, ledger.Pending.Values.Select(p => (p.UserKey, p.Email)), started, cancellationToken);
                confirmed.UnionWith(ledger.Pending.Keys);
            }
            catch (ConnectorException e)
            {
                return inputs with { Connection = connection, ReadProblem = e };
            }
        }

        await applier.ResolvePendingAsync(hub, hubKey, ledger, appState, cancellationToken);
        var actual = Marked(appState, ledger);
        ledger.Observe([.. actual.Members.Keys], [.. inputs.Desired!.Members.Keys], time.GetUtcNow()); // since when each member is known
        return inputs with
        {
            Connection = connection, Actual = actual, Ledger = ledger, AppState = appState, FromKeptState = kept, Confirmed = confirmed,
        };
    }

    /// <summary>Reads the narrowing changes' members (<see cref="HubDecision.ToConfirm"/>) into the kept state.</summary>
    private async Task<HubInputs> ConfirmAsync(HubInputs inputs, IReadOnlyList<(string Key, string Email)> users, CancellationToken cancellationToken)
    {
        try
        {
            var appState = await ReadMembersAsync(inputs.Hub!, inputs.HubKey, inputs.Connection!, inputs.AppState!, users, time.GetUtcNow(), cancellationToken);
            var confirmed = new HashSet<string>(inputs.Confirmed ?? new HashSet<string>(), StringComparer.Ordinal);
            confirmed.UnionWith(users.Select(u => u.Key));
            return inputs with { Actual = Marked(appState, inputs.Ledger!), AppState = appState, Confirmed = confirmed };
        }
        catch (ConnectorException e)
        {
            return inputs with { Actual = null, ReadProblem = e };
        }
    }

    /// <summary>The whole app, kept as the hub's state.</summary>
    private async Task<ActualAccess> ReadAllAsync(BusinessHub hub, string hubKey, HubConnection connection, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var (ns, name) = (hub.Metadata.NamespaceProperty ?? "", hub.Metadata.Name);
        appStates.Invalidate(hubKey);
        try
        {
            var actual = await connection.Connector.ReadAsync(cancellationToken);
            AccessMetrics.ConnectorCalls.WithLabels(ns, name, connection.Type, "read").Inc();
            appStates.Store(hubKey, new CachedAppState(actual, connection.Connector, started, Annotation(hub, Annotations.RequestSync)));
            return actual;
        }
        catch (ConnectorException e)
        {
            AccessMetrics.ConnectorCalls.WithLabels(ns, name, connection.Type, "read").Inc();
            AccessMetrics.ConnectorErrors.WithLabels(ns, name, connection.Type, e.Kind.ToString()).Inc();
            logger.HubReadFailed(hubKey, e.Kind.ToString(), e.Message);
            throw;
        }
    }

    /// <summary>
    /// Reads <paramref name="users"/> one by one (or the whole app, for connectors that cannot) into the kept state
    /// <paramref name="appState"/>, and keeps the result; a failed read forgets the kept state.
    /// </summary>
    private async Task<ActualAccess> ReadMembersAsync(
        BusinessHub hub, string hubKey, HubConnection connection, ActualAccess appState, IEnumerable<(string Key, string Email)> users, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (ns, name) = (hub.Metadata.NamespaceProperty ?? "", hub.Metadata.Name);
        var lookups = users.DistinctBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => appState.Members.GetValueOrDefault(u.Key) is { } seen ? new MemberLookup(u.Key, seen.Email, seen) : new MemberLookup(u.Key, u.Email, null)).ToList();
        var previous = appStates.Get(hubKey);
        appStates.Invalidate(hubKey);
        try
        {
            var read = await connection.Connector.ReadMembersAsync(lookups, cancellationToken);
            AccessMetrics.ConnectorCalls.WithLabels(ns, name, connection.Type, "read_members").Inc();
            var updated = read.Whole ?? AppStateCache.Merge(appState, read.Members);
            if (read.Whole is not null)
            {
                appStates.Store(hubKey, new CachedAppState(updated, connection.Connector, now, Annotation(hub, Annotations.RequestSync)));
            }
            else if (previous is not null)
            {
                appStates.Store(hubKey, previous with { Actual = updated }); // still due for its full read when the last one was
            }

            return updated;
        }
        catch (ConnectorException e)
        {
            AccessMetrics.ConnectorCalls.WithLabels(ns, name, connection.Type, "read_members").Inc();
            AccessMetrics.ConnectorErrors.WithLabels(ns, name, connection.Type, e.Kind.ToString()).Inc();
            logger.HubReadFailed(hubKey, e.Kind.ToString(), e.Message);
            throw;
        }
    }

    /// <summary>After an apply: the kept state updated from the writes' answers and a read of the members they changed.</summary>
    private async Task<ActualAccess?> VerifyAsync(HubInputs inputs, IReadOnlyList<AccessChange> changes, ApplySummary applied, CancellationToken cancellationToken)
    {
        var hubKey = inputs.HubKey;
        if (applied.Failed.Count > 0 || applied.Skipped > 0)
        {
            // A refusal (404, 409, an unexpected answer) or a lost answer says the state may be wrong: the next sync reads it all.
            appStates.Invalidate(hubKey);
            return null;
        }

        var appState = AppStateCache.Merge(inputs.AppState!, AfterRemovals(changes));
        var toRead = changes.Where(c => c.Kind is not (AccessChangeKind.Remove or AccessChangeKind.CancelInvite)).Select(c => (c.UserKey, c.Email)).DistinctBy(u => u.UserKey, StringComparer.Ordinal).ToList();
        if (appStates.Get(hubKey) is { } kept)
        {
            appStates.Store(hubKey, kept with { Actual = appState });
        }

        if (toRead.Count == 0)
        {
            return appState;
        }

        try
        {
            return toRead.Count > TargetedReadLimit
                ? await ReadAllAsync(inputs.Hub!, hubKey, inputs.Connection!, time.GetUtcNow(), cancellationToken)
                : await ReadMembersAsync(inputs.Hub!, hubKey, inputs.Connection!, appState, toRead, time.GetUtcNow(), cancellationToken);
        }
        catch (ConnectorException)
        {
            return null; // forgotten: the next sync reads the app in full
        }
    }

    /// <summary>Members a removal's answer (applied, or already gone) says the app no longer has.</summary>
    private static Dictionary<string, ActualMember?> AfterRemovals(IReadOnlyList<AccessChange> changes) =>
        changes.Where(c => c.Kind is AccessChangeKind.Remove or AccessChangeKind.CancelInvite)
            .Select(c => c.UserKey).Distinct(StringComparer.Ordinal).ToDictionary(u => u, _ => (ActualMember?)null, StringComparer.Ordinal);

    /// <summary>The app state with the ledger's members marked managed (apps that cannot mark them, Meta).</summary>
    private static ActualAccess Marked(ActualAccess appState, ManagedLedger ledger)
    {
        if (!ledger.KeepsMembers)
        {
            return appState;
        }

        var managed = ledger.Keys;
        return appState with { Members = appState.Members.ToDictionary(kv => kv.Key, kv => kv.Value with { Managed = kv.Value.Managed || managed.Contains(kv.Key) }, StringComparer.Ordinal) };
    }

    private static List<(string Key, string Email)> Emails(IReadOnlyList<AccessChange> changes, IReadOnlyList<string> users)
    {
        var wanted = users.ToHashSet(StringComparer.Ordinal);
        return [.. changes.Where(c => wanted.Contains(c.UserKey)).Select(c => (c.UserKey, c.Email)).DistinctBy(u => u.UserKey, StringComparer.Ordinal)];
    }

    private static string? Annotation(BusinessHub hub, string name) =>
        hub.Metadata.Annotations is { } annotations && annotations.TryGetValue(name, out var value) ? value : null;

    /// <summary>Does what the decision says: nothing here decides.</summary>
    private async Task<ReconcileResult> ActAsync(ResourceKey key, HubInputs inputs, HubDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Forget || inputs.Hub is not { } hub)
        {
            connections.Forget(inputs.HubKey);
            appStates.Invalidate(inputs.HubKey);
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
                applied = await applier.ApplyAsync(hub, inputs.HubKey, inputs.Connection!, decision.ToApply, inputs.Ledger, cancellationToken, stateKnown: true);
            }
        }
        catch
        {
            appStates.Invalidate(inputs.HubKey); // an apply cut short leaves the app in a state nobody read
            throw;
        }
        finally
        {
            await inputs.Ledger!.SaveAsync(client, hub, CancellationToken.None);
        }

        // The status shows the app after this sync: the changes' members as verified.
        var after = applied is null ? null : await VerifyAsync(inputs, decision.ToApply, applied, cancellationToken);
        if (after is not null)
        {
            // Since when each member is known: the members this sync added are in the app now (no later full read needed).
            inputs.Ledger!.Observe([.. after.Members.Keys], [.. inputs.Desired!.Members.Keys], time.GetUtcNow());
            await inputs.Ledger.SaveAsync(client, hub, CancellationToken.None);
        }

        var reported = after is null ? inputs : inputs with { Actual = Marked(after, inputs.Ledger) };
        var report = BusinessHubDecision.Report(reported, decision, applied, time.GetUtcNow());
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
