using System.Text;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// An Entra app registration's client credentials, from the IdentityProvider's settings and Secret. The secret is never
/// printed: <see cref="ToString"/> names the tenant and client only, and <see cref="Redact"/> scrubs it from any text.
/// </summary>
internal sealed class EntraCredentials
{
    public const string SecretKey = "clientSecret";

    public EntraCredentials(string tenantId, string clientId, string clientSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        TenantId = tenantId;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string TenantId { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The credentials from the settings' tenantId and clientId and the Secret's <c>clientSecret</c>; a missing key is named, its value never.</summary>
    public static EntraCredentials FromSecret(EntraSettings settings, IReadOnlyDictionary<string, byte[]> secretData)
    {
        var secret = secretData.TryGetValue(SecretKey, out var bytes) && bytes.Length > 0
            ? Encoding.UTF8.GetString(bytes).Trim()
            : throw new ArgumentException($"the credentials Secret has no \"{SecretKey}\" key, which Entra ID needs", nameof(secretData));
        return new EntraCredentials(settings.TenantId, settings.ClientId, secret);
    }

    /// <summary>The text with the client secret replaced, for messages built from what a server answered.</summary>
    public string Redact(string text) => text.Replace(ClientSecret, "(redacted)", StringComparison.Ordinal);

    public override string ToString() => $"Entra app {ClientId} in tenant {TenantId}, client secret (redacted)";
}
