using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

namespace Cerby.Operator.Controllers.Identity;

/// <summary>
/// Keeps a watcher running for each IdentityProvider (rebuilt when its spec or Secret changes, stopped when it is
/// deleted) and writes what the identity cache knows of it to status: users, last full read, Ready and Synced.
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
    ILogger<IdentityProviderReconciler> logger) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var idpKey = $"{key.Namespace}/{key.Name}";
        if (informers.Get<IdentityProvider>().Cache.Get(key) is not { } idp || idp.Metadata.DeletionTimestamp is not null)
        {
            await watchers.StopAsync(idpKey);
            sources.Forget(idpKey);
            identity.Remove(idpKey);
            AccessMetrics.ForgetIdp(key.Namespace, key.Name);
            return ReconcileResult.Success;
        }

        var secretRef = idp.Spec.CredentialsSecretRef;
        if (await secrets.ReadAsync(key.Namespace, secretRef.Name, cancellationToken) is not { } secret)
        {
            return await NotReadyAsync(idp, idpKey, "CredentialsMissing", $"Secret {key.Namespace}/{secretRef.Name} does not exist", cancellationToken);
        }

        var fingerprint = Fingerprint(idp, secret);
        if (!watchers.IsRunning(idpKey, fingerprint))
        {
            try
            {
                var source = sources.Create(idp, idpKey, secret);
                var resync = GoDuration.TryParse(idp.Spec.ResyncInterval, out var interval) && interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(15);
                // Okta and Entra resume from the directory and cursor the last leader saved (inbound SCIM keeps its own store).
                var checkpoints = idp.Spec.Type is IdentityProviderType.Okta or IdentityProviderType.Entra ? new IdentityCheckpointStore(stateStores.For(idp)) : null;
                if (!await watchers.StartAsync(idpKey, fingerprint, source, () => BoundGroups(idpKey), resync, checkpoints))
                {
                    return ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(1)); // leadership is starting or ending
                }

                await events.NormalAsync(idp, "WatchStarted", "Watch", $"reading {idp.Spec.Type} identity provider {idpKey}", cancellationToken);
            }
            catch (ArgumentException e)
            {
                return await NotReadyAsync(idp, idpKey, "InvalidConfiguration", e.Message, cancellationToken);
            }
        }

        await status.UpdateAsync(idp, i => IdentityProviderStatusBuilder.Set(i, identity.Get(idpKey), time), cancellationToken);
        return ReconcileResult.Success;
    }

    private async Task<ReconcileResult> NotReadyAsync(IdentityProvider idp, string idpKey, string reason, string message, CancellationToken cancellationToken)
    {
        // Without credentials nothing new can be learnt: what is known stays, marked stale, so nobody loses access.
        await watchers.StopAsync(idpKey);
        identity.MarkUnreachable(idpKey, idpKey, message);
        logger.ResourceProblem(IdentityProvider.KindName, idpKey, message);
        await events.WarningAsync(idp, reason, "Watch", message, cancellationToken);
        await status.UpdateAsync(idp, i => IdentityProviderStatusBuilder.NotReady(i, reason, message, time), cancellationToken);
        return ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30));
    }

    private List<IdpGroupReference> BoundGroups(string idpKey) =>
        [.. informers.Get<IdpGroupBinding>().Cache.ByIndex(Indexes.BindingsByIdp, idpKey)
            .Where(b => b.Metadata.DeletionTimestamp is null).Select(b => b.Spec.Group).Distinct()];

    private static string Fingerprint(IdentityProvider idp, SecretData secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(idp.Spec) + "|" + secret.ResourceVersion)))[..16];
}
