using System.Collections.Concurrent;
using System.Threading.Channels;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Identity.Scim;
using Cerby.Operator.Observability;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>
/// Runs on every replica, leader or not: registers the endpoints identity providers call (inbound SCIM with its
/// durable store, Okta Event Hooks) for every IdentityProvider the informer holds, so a push reaching any replica
/// behind the Service is accepted. Each registration reads the credentials Secret (GET) and, for scim, loads the
/// durable store once; both are read again every <see cref="RefreshInterval"/> (rotated tokens) and after a failure.
/// Ready (<see cref="IReadinessContributor"/>) once every IdentityProvider was handled and every durable store answers.
/// </summary>
internal sealed class IdpEndpointRegistrar(
    InformerSet informers,
    SecretReader secrets,
    ScimRegistry scim,
    OktaEventHookEndpoints hooks,
    IdentityStateStores stores,
    TimeProvider time,
    ILogger<IdpEndpointRegistrar> logger) : BackgroundService, IReadinessContributor
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private readonly Channel<ResourceKey> _work = Channel.CreateUnbounded<ResourceKey>();
    private readonly ConcurrentDictionary<ResourceKey, string> _pending = new();

    public string? NotReadyReason()
    {
        var informer = informers.Get<IdentityProvider>();
        if (!informer.HasSynced)
        {
            return "identity providers not listed yet";
        }

        foreach (var (key, why) in _pending)
        {
            return $"the endpoints of IdentityProvider {key.Namespace}/{key.Name} are not served yet: {why}";
        }

        return scim.Keys.Select(scim.Find).FirstOrDefault(t => t is { Persistence: { Loaded: false } or { Reachable: false } }) is { } tenant
            ? $"the durable store of IdentityProvider {tenant.IdpKey} cannot be reached"
            : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informer = informers.Get<IdentityProvider>();
        informer.Subscribe(e =>
        {
            if (e.Type == InformerEventType.Updated && e.Previous?.Metadata.Generation == e.Object.Metadata.Generation && e.Object.Metadata.DeletionTimestamp is null)
            {
                return; // a status write: the periodic refresh covers rotated Secrets
            }

            var key = ResourceKey.Of(e.Object);
            _pending.TryAdd(key, "not handled yet");
            _work.Writer.TryWrite(key);
        });
        _ = RefreshPeriodicallyAsync(stoppingToken);
        try
        {
            await foreach (var key in _work.Reader.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(key, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RefreshPeriodicallyAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(RefreshInterval, time, stoppingToken);
                foreach (var idp in informers.Get<IdentityProvider>().Cache.List())
                {
                    _work.Writer.TryWrite(ResourceKey.Of(idp));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task HandleAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var idpKey = $"{key.Namespace}/{key.Name}";
        var idp = informers.Get<IdentityProvider>().Cache.Get(key);
        try
        {
            if (idp is null || idp.Metadata.DeletionTimestamp is not null)
            {
                scim.Unregister(idpKey);
                hooks.Unregister(idpKey);
                stores.Forget(idpKey);
                _pending.TryRemove(key, out _);
                return;
            }

            var secret = await secrets.ReadAsync(key.Namespace, idp.Spec.CredentialsSecretRef.Name, cancellationToken);
            switch (idp.Spec.Type)
            {
                case IdentityProviderType.Scim when secret?.Text(IdentitySourceFactory.ScimBearerTokenKey) is { } token:
                    var tenant = scim.Serve(idpKey, token, stores.For(idp));
                    await tenant.Persistence.RefreshAsync(cancellationToken);
                    break;
                case IdentityProviderType.Okta when secret?.Text(OktaEventHookEndpoints.SecretKey) is { } authorization:
                    hooks.Register(idpKey, authorization);
                    break;
                case IdentityProviderType.Okta when secret is not null:
                    hooks.Unregister(idpKey);
                    break;
                default:
                    break; // no endpoint, or the Secret is missing: the IdentityProvider's status says so (its reconciler)
            }

            _pending.TryRemove(key, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = e is DurableStateException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            _pending[key] = reason;
            logger.ResourceProblem(IdentityProvider.KindName, idpKey, $"its endpoints could not be registered on this replica: {reason}");
            _ = RetryLaterAsync(key, cancellationToken);
        }
    }

    private async Task RetryLaterAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RetryAfter, time, cancellationToken);
            _work.Writer.TryWrite(key);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
