using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// Access tokens from the org authorization server (<c>POST /oauth2/v1/token</c>, client credentials with a private-key
/// JWT assertion, read-only <c>okta.*</c> scopes), kept until a minute before they expire.
/// </summary>
internal sealed class OktaAccessTokenSource(HttpClient tokenHttp, Uri org, OktaPrivateKey key, TimeProvider time)
{
    public const string Scopes = "okta.users.read okta.groups.read okta.apps.read okta.logs.read";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? _cached;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && time.GetUtcNow() < cached.Until)
            {
                return cached.Token;
            }

            var endpoint = new Uri(org, "/oauth2/v1/token");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = Scopes,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = OktaClientAssertion.Create(key, endpoint, time.GetUtcNow()),
            });
            using var response = await tokenHttp.PostAsync(endpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = await TryReadAsync<OAuthError>(response, cancellationToken);
                throw new OktaApiException(
                    $"Okta refused an access token for service app {key.ClientId}: {(int)response.StatusCode} {error?.Error} {error?.Description}".TrimEnd(),
                    response.StatusCode,
                    error?.Error);
            }

            var token = await TryReadAsync<TokenResponse>(response, cancellationToken)
                ?? throw new OktaApiException("Okta's token endpoint answered without a token");
            _cached = (token.AccessToken, time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn - 60)));
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token, after Okta refused it.</summary>
    public void Invalidate() => _cached = null;

    private static async Task<T?> TryReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(OktaJson.Options, cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record OAuthError(string? Error, [property: JsonPropertyName("error_description")] string? Description);
}
