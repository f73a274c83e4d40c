using System.Security.Cryptography;
using System.Text;
using Cerby.Operator.Identity.Durable;

namespace Cerby.Operator.Identity.Scim;

/// <summary>One registered IdentityProvider: its store, how the store is kept durable, and the SHA-256 of its bearer token.</summary>
internal sealed record ScimTenant(string IdpKey, ScimStore Store, ScimPersistence Persistence, IDurableParts? Durable, byte[] TokenHash)
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
