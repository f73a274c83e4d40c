using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// Access tokens for Microsoft Graph by the client-credentials grant (<c>POST {authorityHost}/{tenantId}/oauth2/v2.0/token</c>,
/// scope <c>https://graph.microsoft.com/.default</c>), kept until a minute before they expire. Tokens are only given
/// out for the Graph host the source was configured with, so a foreign next or delta link never receives one.
/// </summary>
internal sealed class EntraTokenProvider(HttpClient tokenHttp, Uri authorityHost, Uri graphBaseUrl, EntraCredentials credentials, TimeProvider time) : IAccessTokenProvider
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? _cached;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([graphBaseUrl.Host]);

    /// <summary>The scope asked for: Graph's application permissions, e.g. https://graph.microsoft.com/.default.</summary>
    public string Scope { get; } = $"{graphBaseUrl.Scheme}://{(graphBaseUrl.IsLoopback ? "graph.microsoft.com" : graphBaseUrl.Host)}/.default";

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri) || !string.Equals(uri.Scheme, graphBaseUrl.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && time.GetUtcNow() < cached.Until)
            {
                return cached.Token;
            }

            var endpoint = new Uri(authorityHost, $"{Uri.EscapeDataString(credentials.TenantId)}/oauth2/v2.0/token");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = credentials.ClientId,
                ["client_secret"] = credentials.ClientSecret,
                ["scope"] = Scope,
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = form };
            request.Options.Set(EntraRetryHandler.SafeToRepeat, true); // another token request changes nothing
            using var response = await tokenHttp.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = await TryReadAsync<OAuthError>(response, cancellationToken);
                var description = error?.Description?.Split('\n', 2)[0].Trim();
                throw new EntraApiException(
                    credentials.Redact($"Entra ID refused an access token for app {credentials.ClientId} in tenant {credentials.TenantId}: {(int)response.StatusCode} {error?.Error} {description}".TrimEnd()),
                    response.StatusCode,
                    error?.Error);
            }

            var token = await TryReadAsync<TokenResponse>(response, cancellationToken);
            if (token?.AccessToken is not { Length: > 0 } accessToken)
            {
                throw new EntraApiException("Entra ID's token endpoint answered without an access token");
            }

            _cached = (accessToken, time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn - 60)));
            return accessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token, after Graph refused it.</summary>
    public void Invalidate() => _cached = null;

    private static async Task<T?> TryReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken, [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record OAuthError([property: JsonPropertyName("error")] string? Error, [property: JsonPropertyName("error_description")] string? Description);
}
