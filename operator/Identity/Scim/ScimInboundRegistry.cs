using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The IdentityProviders of type scim the endpoint serves (a singleton). The operator registers each one's key
/// ("namespace/name") with the bearer token from its Secret (key "bearerToken") and gets the
/// <see cref="IIdentitySource"/> for it; <see cref="ScimInboundEndpoints"/> then serves
/// <c>/idp/{namespace}/{name}/scim/v2/</c> for it. Registering again (a rotated token) keeps what was pushed;
/// unregistering (the IdentityProvider deleted) drops it. Only a SHA-256 of the token is kept.
/// </summary>
internal sealed class ScimInboundRegistry(TimeProvider time, ILogger logger, ScimInboundOptions? options = null)
{
    private readonly ConcurrentDictionary<string, ScimInboundTenant> _tenants = new(StringComparer.Ordinal);

    public ScimInboundOptions Options { get; } = options ?? ScimInboundOptions.Default;

    internal ILogger Logger => logger;

    /// <summary>Serves the IdentityProvider with this token (or switches to a new one) and returns a source over its store.</summary>
    /// <param name="idpKey">"namespace/name" of the IdentityProvider.</param>
    public IIdentitySource Register(string idpKey, string bearerToken)
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
        var tenant = _tenants.AddOrUpdate(idpKey, key => new ScimInboundTenant(key, new ScimInboundStore(time), hash), (_, existing) => existing with { TokenHash = hash });
        ScimInboundLog.Registered(logger, idpKey);
        return new ScimInboundSource(idpKey, tenant.Store, time, Options.FallbackInterval, logger);
    }

    /// <summary>Stops serving the IdentityProvider and drops what it pushed; false when it was not registered.</summary>
    public bool Unregister(string idpKey)
    {
        if (!_tenants.TryRemove(idpKey, out _))
        {
            return false;
        }

        ScimInboundLog.Unregistered(logger, idpKey);
        return true;
    }

    internal ScimInboundTenant? Find(string idpKey) => _tenants.GetValueOrDefault(idpKey);
}

/// <summary>One registered IdentityProvider: its store and the SHA-256 of its bearer token.</summary>
internal sealed record ScimInboundTenant(string IdpKey, ScimInboundStore Store, byte[] TokenHash)
{
    /// <summary>Whether an Authorization header carries the token: "Bearer &lt;token&gt;", compared in constant time.</summary>
    public bool Authorizes(string? authorization)
    {
        const string scheme = "Bearer ";
        var presented = authorization is { } header && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), TokenHash);
        return presented.Length > 0 && matches;
    }
}
