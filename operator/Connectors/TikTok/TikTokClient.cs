using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// Sends TikTok API for Business calls: the token travels only in the <c>Access-Token</c> header (never a URL, so never
/// a message), GET parameters in the query (objects JSON-encoded), POST bodies as JSON. Retries go through the shared
/// <see cref="RetryingSender"/>; an HTTP 200 whose envelope code is throttling (40100, 40132, 61000) or "come back
/// later" (40202, 60001) is retried like a 429, and a server failure code (50000, 50002, 51060) like a 5xx: a POST
/// after one of those is not sent again (its outcome is unknown).
/// </summary>
internal sealed class TikTokClient
{
    private const string TokenHeader = "Access-Token";
    private readonly string accessToken;
    private readonly RetryingSender sender;
    private readonly TimeProvider time;

    public TikTokClient(HttpClient http, string accessToken, TikTokConnectorOptions options, TimeProvider time)
    {
        this.accessToken = accessToken;
        this.time = time;
        sender = new RetryingSender(http, new RetryPolicy(options.MaxAttempts, options.RetryBaseDelay, options.MaxRetryDelay), time);
    }

    /// <summary>GET <paramref name="path"/> (e.g. "bc/member/get/"); returns the envelope's data.</summary>
    public async Task<JsonElement> GetAsync(string path, IReadOnlyList<KeyValuePair<string, string>> query, CallTally tally, CancellationToken cancellationToken)
    {
        var call = $"GET /{path}";
        var uri = path + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var reply = await SendAsync(call, () => new HttpRequestMessage(HttpMethod.Get, uri), tally, cancellationToken).ConfigureAwait(false);
        return reply.Code == TikTokCodes.Ok ? reply.RequireData(call) : throw reply.Failure(call);
    }

    /// <summary>POST a JSON body; returns the reply whatever its code, for the caller to judge (e.g. NOT_EXIST on a delete).</summary>
    public Task<TikTokReply> PostAsync(string path, JsonObject body, CallTally tally, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString();
        return SendAsync($"POST /{path}", () => new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            tally, cancellationToken);
    }

    private async Task<TikTokReply> SendAsync(string call, Func<HttpRequestMessage> build, CallTally tally, CancellationToken cancellationToken)
    {
        using var response = await sender.SendAsync(call, () => WithToken(build()), tally, cancellationToken, ClassifyAsync).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw new ConnectorException(HttpStatusErrors.KindOf(status), $"{call}: HTTP {status} {response.ReasonPhrase}".TrimEnd(), status);
        }

        return TikTokReply.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), call);
    }

    private HttpRequestMessage WithToken(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation(TokenHeader, accessToken);
        return request;
    }

    private async ValueTask<TransientFailure?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return TransientFailure.FromStatus(response, time.GetUtcNow());
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!TryCode(body, out var code) || code == TikTokCodes.Ok)
        {
            return null; // a body that is not an envelope is judged by the caller's strict parse
        }

        var description = $"TikTok code {code.ToString(CultureInfo.InvariantCulture)}";
        var appCode = code.ToString(CultureInfo.InvariantCulture);
        var retryAfter = RetryAfter.Parse(response.Headers.RetryAfter, time.GetUtcNow());
        if (TikTokCodes.IsThrottling(code))
        {
            return new TransientFailure(ConnectorErrorKind.Throttled, $"{description} (throttled)", retryAfter, null, appCode);
        }

        if (TikTokCodes.IsNotProcessed(code))
        {
            return new TransientFailure(ConnectorErrorKind.Unavailable, $"{description} (not processed, try later)", retryAfter, null, appCode);
        }

        return TikTokCodes.IsServerFailure(code)
            ? new TransientFailure(ConnectorErrorKind.Unavailable, $"{description} (server failure)", retryAfter, null, appCode)
            {
                OutcomeUnknown = response.RequestMessage?.Method == HttpMethod.Post,
            }
            : null;
    }

    private static bool TryCode(string body, out int code)
    {
        code = 0;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("code", out var value) && value.TryGetInt32(out code);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
