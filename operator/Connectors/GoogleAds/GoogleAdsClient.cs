using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>
/// Sends Google Ads API calls (<c>POST {baseUrl}/customers/{id}/{method}</c>) with the developer-token and, through a
/// manager, login-customer-id headers; the OAuth token rides on the client's bearer handler. Retries go through
/// the HTTP edge (<see cref="ConnectorSender"/>): a quota error (HTTP 429 RESOURCE_EXHAUSTED) waits its quotaErrorDetails.retryDelay
/// (else Retry-After, else the doubling backoff), and a mutate whose outcome is unknown is never sent again. Every
/// other failure becomes a <see cref="ConnectorException"/> naming the call and Google's error code, never a token.
/// </summary>
internal sealed class GoogleAdsClient(HttpClient http, string developerToken, GoogleAdsConnectorOptions options, TimeProvider time)
{
    private readonly ConnectorSender sender = new(http, new EdgePolicy(options.MaxAttempts, options.RetryBaseDelay, options.MaxRetryDelay, Jitter: options.Jitter), GoogleAdsQuota.Instance, time);

    /// <summary>The customer, as mutate resource names start: customers/{id}.</summary>
    public string Customer => $"customers/{options.CustomerId}";

    /// <summary>Calls <paramref name="method"/> (e.g. googleAds:search) with <paramref name="body"/>; <paramref name="readOnly"/> for searches.</summary>
    public async Task<JsonElement> PostAsync(string method, JsonObject body, bool readOnly, CallTally tally, CancellationToken cancellationToken)
    {
        var path = $"{Customer}/{method}";
        var json = body.ToJsonString();
        using var response = await sender.SendAsync($"POST {path}", () => Build(path, json), tally, cancellationToken, readOnly).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var failure = GoogleAdsFailure.Parse(text, $"{status} {response.ReasonPhrase}".TrimEnd());
            throw new ConnectorException(HttpStatusErrors.KindOf(status),
                $"Google Ads answered POST {path} with {status} {failure.Code ?? "(no error code)"}: {failure.Message}{RequestIdOf(response, failure)}",
                status, failure.Code);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Google Ads answered POST {path} with JSON that is not an object");
        }
        catch (JsonException e)
        {
            throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Google Ads answered POST {path} with a body that is not JSON ({e.Message})", (int)response.StatusCode, inner: e);
        }
    }

    private HttpRequestMessage Build(string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("developer-token", developerToken);
        if (options.LoginCustomerId is { Length: > 0 } manager)
        {
            request.Headers.TryAddWithoutValidation("login-customer-id", manager);
        }

        return request;
    }

    private static string RequestIdOf(HttpResponseMessage response, GoogleAdsFailure failure) =>
        (failure.RequestId ?? (response.Headers.TryGetValues("request-id", out var ids) ? ids.FirstOrDefault() : null)) is { Length: > 0 } id ? $" (request-id {id})" : "";
}
