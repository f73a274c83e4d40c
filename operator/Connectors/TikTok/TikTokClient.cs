using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// Sends TikTok API for Business calls: the token travels only in the <c>Access-Token</c> header (never a URL, so never
/// a message), GET parameters in the query (objects JSON-encoded), POST bodies as JSON. Retries go through the HTTP
/// edge with <see cref="TikTokRules"/>; an HTTP 200 whose envelope code is throttling (40100, 40132, 61000) or "come back
/// later" (40202, 60001) is retried like a 429, and a server failure code (50000, 50002, 51060) like a 5xx: a POST
/// after one of those is not sent again (its outcome is unknown).
/// </summary>
internal sealed class TikTokClient
{
    private const string TokenHeader = "Access-Token";
    private readonly string accessToken;
    private readonly ConnectorSender sender;

    public TikTokClient(HttpClient http, string accessToken, TikTokConnectorOptions options, TimeProvider time)
    {
        this.accessToken = accessToken;
        sender = new ConnectorSender(http, new EdgePolicy(options.MaxAttempts, options.RetryBaseDelay, options.MaxRetryDelay, Jitter: options.Jitter), TikTokRules.Instance, time);
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
        using var response = await sender.SendAsync(call, () => WithToken(build()), tally, cancellationToken).ConfigureAwait(false);
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
}
