using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cerby.Operator.Controllers.Sharding;
using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Observability;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>
/// Keeps a watcher running for each IdentityProvider (rebuilt when its spec or Secret changes, stopped when it is
/// deleted) and writes what the identity cache knows of it to status: users, last full read, Ready and Synced.
/// Gather → <see cref="IdentityProviderDecision.Decide"/> (pure) → act.
/// </summary>
internal sealed class IdentityProviderReconciler(
    InformerSet informers,
    IdentityCache identity,
    IdentityWatchers watchers,
    IdentitySourceFactory sources,
    IdentityStateStores stateStores,
    SecretReader secrets,
    StatusWriter status,
    EventRecorder events,
    TimeProvider time,
    ShardScope scope,
    ILogger<IdentityProviderReconciler> logger) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var (inputs, secret, fingerprint) = await GatherAsync(key, cancellationToken);
        var decision = IdentityProviderDecision.Decide(inputs, time.GetUtcNow());
        if (decision.Forget)
        {
            await watchers.StopAsync(inputs.IdpKey);
            sources.Forget(inputs.IdpKey);
            identity.Remove(inputs.IdpKey);
            AccessMetrics.ForgetIdp(key.Namespace, key.Name);
            return decision.Result;
        }

        var idp = inputs.Idp!;
        if (decision.StartWatcher)
        {
            try
            {
                if (!await StartWatcherAsync(idp, inputs.IdpKey, secret!, fingerprint!))
                {
                    return ReconcileResult.RequeueAfter(IdentityProviderDecision.StartAgainAfter); // leadership is starting or ending
                }
            }
            catch (ArgumentException e)
            {
                decision = IdentityProviderDecision.Unusable(idp, ConditionReasons.InvalidConfiguration, e.Message, time.GetUtcNow());
            }

            if (decision.NotReady is null)
            {
                // Started: record WatchStarted, then decide the status from what the new watcher holds.
                await RecordAsync(idp, decision.Events, cancellationToken);
                decision = IdentityProviderDecision.Decide(inputs with { WatcherRunning = true, State = identity.Get(inputs.IdpKey) }, time.GetUtcNow());
            }
        }

        if (decision.NotReady is { } problem)
        {
            await watchers.StopAsync(inputs.IdpKey);
            identity.MarkUnreachable(inputs.IdpKey, inputs.IdpKey, problem);
            logger.ResourceProblem(IdentityProvider.KindName, inputs.IdpKey, problem);
        }

        await RecordAsync(idp, decision.Events, cancellationToken);

        if (decision.Status is { } next)
        {
            await status.UpdateAsync(idp, i => i.Status = next, cancellationToken);
        }

        return decision.Result;
    }

    private async Task<(IdentityProviderInputs Inputs, SecretData? Secret, string? Fingerprint)> GatherAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var idpKey = $"{key.Namespace}/{key.Name}";
        if (informers.Get<IdentityProvider>().Cache.Get(key) is not { } idp || idp.Metadata.DeletionTimestamp is not null)
        {
            return (new IdentityProviderInputs(null, idpKey), null, null);
        }

        if (await secrets.ReadAsync(key.Namespace, idp.Spec.CredentialsSecretRef.Name, cancellationToken) is not { } secret)
        {
            return (new IdentityProviderInputs(idp, idpKey, SecretMissing: true), null, null);
        }

        var fingerprint = Fingerprint(idp, secret);
        return (new IdentityProviderInputs(idp, idpKey, WatcherRunning: watchers.IsRunning(idpKey, fingerprint), State: identity.Get(idpKey)), secret, fingerprint);
    }

    private async Task<bool> StartWatcherAsync(IdentityProvider idp, string idpKey, SecretData secret, string fingerprint)
    {
        var source = sources.Create(idp, idpKey, secret);
        var resync = GoDuration.TryParse(idp.Spec.ResyncInterval, out var interval) && interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(15);
        // Okta and Entra resume from the directory and cursor the last leader saved (inbound SCIM keeps its own store).
        var checkpoints = idp.Spec.Type is IdentityProviderType.Okta or IdentityProviderType.Entra ? new IdentityCheckpointStore(stateStores.For(idp)) : null;
        return await watchers.StartAsync(idpKey, fingerprint, source, () => BoundGroups(idpKey), resync, checkpoints);
    }

    private async Task RecordAsync(IdentityProvider idp, IReadOnlyList<EventToRecord> toRecord, CancellationToken cancellationToken)
    {
        foreach (var e in toRecord)
        {
            await (e.Warning
                ? events.WarningAsync(idp, e.Reason, e.Action, e.Note, cancellationToken)
                : events.NormalAsync(idp, e.Reason, e.Action, e.Note, cancellationToken));
        }
    }

    private List<IdpGroupReference> BoundGroups(string idpKey) =>
        [.. informers.Get<IdpGroupBinding>().Cache.ByIndex(Indexes.BindingsByIdp, idpKey)
            .Where(b => b.Metadata.DeletionTimestamp is null && scope.Contains(b)).Select(b => b.Spec.Group).Distinct()];

    private static string Fingerprint(IdentityProvider idp, SecretData secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(idp.Spec) + "|" + secret.ResourceVersion)))[..16];
}
