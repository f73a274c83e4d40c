using System.Text;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// How the operator authenticates to an Okta org, from the IdentityProvider's Secret. The secret values are never
/// printed: <see cref="object.ToString"/> names the kind only.
/// </summary>
internal abstract class OktaCredentials
{
    private protected OktaCredentials()
    {
    }

    /// <summary>An API token sent as <c>Authorization: SSWS {token}</c> (Secret key <c>apiToken</c>).</summary>
    public static OktaCredentials ApiToken(string token) => new OktaApiToken(token);

    /// <summary>An OAuth 2.0 service app: client id and its PEM private key (Secret key <c>privateKey</c>).</summary>
    public static OktaCredentials PrivateKeyJwt(string clientId, string privateKeyPem) => new OktaPrivateKey(clientId, privateKeyPem);

    /// <summary>
    /// The credentials the IdentityProvider's settings ask for, from its Secret's data: <c>apiToken</c> for ssws,
    /// <c>privateKey</c> (PEM) and the settings' clientId for privateKeyJwt. A missing key is named, its value never.
    /// </summary>
    public static OktaCredentials FromSecret(OktaSettings settings, IReadOnlyDictionary<string, byte[]> secretData)
    {
        string Value(string key) => secretData.TryGetValue(key, out var bytes) && bytes.Length > 0
            ? Encoding.UTF8.GetString(bytes).Trim()
            : throw new ArgumentException($"the credentials Secret has no \"{key}\" key, which Okta auth mode {settings.AuthMode} needs", nameof(secretData));

        return settings.AuthMode switch
        {
            OktaAuthMode.PrivateKeyJwt => PrivateKeyJwt(settings.ClientId is { Length: > 0 } id ? id : throw new ArgumentException("privateKeyJwt needs clientId", nameof(settings)), Value("privateKey")),
            _ => ApiToken(Value("apiToken")),
        };
    }
}

internal sealed class OktaApiToken(string token) : OktaCredentials
{
    public string Token { get; } = token;

    public override string ToString() => "Okta API token (redacted)";
}

internal sealed class OktaPrivateKey(string clientId, string privateKeyPem) : OktaCredentials
{
    public string ClientId { get; } = clientId;

    public string PrivateKeyPem { get; } = privateKeyPem;

    public override string ToString() => $"Okta service app {ClientId} private key (redacted)";
}
