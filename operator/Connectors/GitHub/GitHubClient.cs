using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>
/// Sends GitHub REST requests with the headers GitHub requires (<c>Accept</c>, <c>X-GitHub-Api-Version</c>,
/// <c>User-Agent</c>; the token is put on by the client's handler, never here), through the HTTP edge (<see cref="ConnectorSender"/>)
/// with GitHub's rate-limit reading, and turns failures into <see cref="ConnectorException"/>s. Only PUT, DELETE and
/// GET are used, all idempotent, so a write whose answer was lost is safely repeated.
/// </summary>
internal sealed class GitHubClient(HttpClient http, GitHubConnectorOptions options, TimeProvider time)
{
    /// <summary>The REST API version the connector was written against.</summary>
    public const string ApiVersion = "2022-11-28";

    private readonly ConnectorSender sender = new(http, new EdgePolicy(options.MaxAttempts, options.RetryBaseDelay, options.MaxRetryDelay, Jitter: options.Jitter), GitHubRateLimits.Instance, time);

    /// <summary>The base every request must stay under (a Link header pointing elsewhere is refused).</summary>
    public Uri BaseAddress { get; } = http.BaseAddress ?? throw new ArgumentException("the HttpClient needs a BaseAddress (the hub's baseUrl)", nameof(http));

    /// <summary>GET a JSON document; null on 404. The response's Link header is returned for paging.</summary>
    public async Task<(JsonElement? Body, string? Link)> GetAsync(string operation, Uri url, CallTally calls, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(operation, HttpMethod.Get, url, null, calls, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, null);
        }

        await ThrowUnlessSuccessAsync(operation, response, cancellationToken).ConfigureAwait(false);
        var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(',', values) : null;
        return (await ParseAsync(operation, response, cancellationToken).ConfigureAwait(false), link);
    }

    /// <summary>PUT a JSON body; returns the answer's JSON.</summary>
    public async Task<JsonElement> PutAsync(string operation, string relative, JsonObject body, CallTally calls, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(operation, HttpMethod.Put, new Uri(BaseAddress, relative), body, calls, cancellationToken).ConfigureAwait(false);
        await ThrowUnlessSuccessAsync(operation, response, cancellationToken).ConfigureAwait(false);
        return await ParseAsync(operation, response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DELETE; false when GitHub answered 404 (nothing to delete).</summary>
    public async Task<bool> DeleteAsync(string operation, string relative, CallTally calls, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(operation, HttpMethod.Delete, new Uri(BaseAddress, relative), null, calls, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await ThrowUnlessSuccessAsync(operation, response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task<HttpResponseMessage> SendAsync(string operation, HttpMethod method, Uri url, JsonObject? body, CallTally calls, CancellationToken cancellationToken) =>
        sender.SendAsync(operation, () =>
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
            request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("cerby-operator", "1.0"));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            return request;
        }, calls, cancellationToken);

    private static async Task ThrowUnlessSuccessAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var error = await GitHubError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var kind = HttpStatusErrors.KindOf(status);
        var hint = status == 403 && response.Headers.TryGetValues("X-Accepted-GitHub-Permissions", out var needed)
            ? $"; the endpoint needs {string.Join(',', needed)}"
            : "";
        throw new ConnectorException(kind, $"GitHub {(kind == ConnectorErrorKind.Unauthorized ? "refused" : "rejected")} {operation}: {status} {error}{hint}", status, error.Message.Length == 0 ? null : error.Message);
    }

    private static async Task<JsonElement> ParseAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default;
        }

        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"GitHub answered {operation} with invalid JSON", (int)response.StatusCode, inner: e);
        }
    }
}
