using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cerby.Operator.Identity.Durable;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The IdentityProviders of type scim the endpoint serves (a singleton). Every replica registers each one's key
/// ("namespace/name") with the bearer token from its Secret (key "bearerToken") and its durable store, so any replica
/// accepts any push; the leader also takes an <see cref="IIdentitySource"/> over it (<see cref="Register"/>).
/// <see cref="ScimEndpoints"/> then serves <c>/idp/{namespace}/{name}/scim/v2/</c> for it. Registering again
/// (a rotated token) keeps what was pushed; unregistering (the IdentityProvider deleted) drops the in-memory copy
/// (the durable copy goes with the IdentityProvider, which owns it). Only a SHA-256 of the token is kept.
/// </summary>
internal sealed class ScimRegistry(TimeProvider time, ILogger logger, ScimEndpointOptions? options = null)
{
    private readonly ConcurrentDictionary<string, ScimTenant> _tenants = new(StringComparer.Ordinal);

    public ScimEndpointOptions Options { get; } = options ?? ScimEndpointOptions.Default;

    internal ILogger Logger => logger;

    /// <summary>The keys served now.</summary>
    public IReadOnlyCollection<string> Keys => [.. _tenants.Keys];

    /// <summary>Serves the IdentityProvider with this token (or switches to a new one) and returns a source over its store.</summary>
    /// <param name="idpKey">"namespace/name" of the IdentityProvider.</param>
    /// <param name="durable">Where pushes are kept across restarts and shared between replicas; memory only when null.</param>
    public IIdentitySource Register(string idpKey, string bearerToken, IDurableParts? durable = null)
    {
        Serve(idpKey, bearerToken, durable);
        return new ScimIdentitySource(idpKey, () => Find(idpKey), time, Options, logger);
    }

    /// <summary>
    /// Serves the IdentityProvider with this token and durable store. The same durable store (or none given) keeps the
    /// tenant and what it holds; another one starts a new tenant.
    /// </summary>
    public ScimTenant Serve(string idpKey, string bearerToken, IDurableParts? durable = null)
    {
        if (idpKey.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw new ArgumentException("the key must be namespace/name", nameof(idpKey));
        }

        if (string.IsNullOrWhiteSpace(bearerToken))
        {
            throw new ArgumentException("the bearer token must not be empty", nameof(bearerToken));
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(bearerToken.Trim()));
        var added = false;
        var tenant = _tenants.AddOrUpdate(
            idpKey,
            key =>
            {
                added = true;
                return NewTenant(key, hash, durable);
            },
            (key, existing) =>
            {
                if (durable is null || ReferenceEquals(existing.Durable, durable))
                {
                    return existing with { TokenHash = hash };
                }

                added = true;
                return NewTenant(key, hash, durable);
            });
        if (added)
        {
            logger.EndpointRegistered(idpKey);
        }

        return tenant;
    }

    /// <summary>Stops serving the IdentityProvider and drops what it pushed; false when it was not registered.</summary>
    public bool Unregister(string idpKey)
    {
        if (!_tenants.TryRemove(idpKey, out _))
        {
            return false;
        }

        logger.EndpointUnregistered(idpKey);
        return true;
    }

    internal ScimTenant? Find(string idpKey) => _tenants.GetValueOrDefault(idpKey);

    private ScimTenant NewTenant(string idpKey, byte[] hash, IDurableParts? durable)
    {
        var store = new ScimStore(time);
        return new ScimTenant(idpKey, store, new ScimPersistence(store, durable, idpKey, logger), durable, hash);
    }
}
