using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// Sends Graph API requests with the system-user token as a bearer header (never in a URL, so never in a message)
/// through the HTTP edge with <see cref="MetaThrottling"/> (waits on the given <see cref="TimeProvider"/>: what Meta
/// asked for, <c>estimated_time_to_regain_access</c> or Retry-After, else the jittered backoff; a requested wait beyond
/// the longest allowed ends the call at once), and turns every failure into a <see cref="ConnectorException"/>.
/// </summary>
/// <remarks>
/// Reads and DELETEs (idempotent) are retried after throttling, 5xx, timeouts and transport errors. A POST is retried
/// only when Meta answered that it did not act (throttling codes, 429, 503) or the connection was never made: after a
/// timeout, a broken connection or another 5xx the write may have happened, so it fails with
/// <see cref="ConnectorException.OutcomeUnknown"/> and a read decides.
/// </remarks>
internal sealed class MetaGraphClient(HttpClient http, string accessToken, MetaConnectorOptions options, TimeProvider time)
{
    private readonly string baseUrl = (http.BaseAddress ?? throw new ArgumentException("the HttpClient needs a BaseAddress (the hub's baseUrl)", nameof(http)))
        .AbsoluteUri.TrimEnd('/');

    private readonly EdgeSender edge = new(new EdgePolicy(options.MaxAttempts, options.RetryBaseDelay, options.MaxRetryDelay, Jitter: options.Jitter), MetaThrottling.Instance, time);

    /// <summary>GET a node or edge; <paramref name="relative"/> is the path and query after the version, e.g. "123/business_users?fields=id".</summary>
    public Task<JsonElement> GetAsync(string relative, GraphCallTally tally, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, relative, null, tally, cancellationToken);

    /// <summary>POST form-encoded parameters.</summary>
    public Task<JsonElement> PostAsync(string relative, IReadOnlyList<KeyValuePair<string, string>> form, GraphCallTally tally, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, relative, form, tally, cancellationToken);

    /// <summary>DELETE a node or an edge entry.</summary>
    public Task<JsonElement> DeleteAsync(string relative, GraphCallTally tally, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, relative, null, tally, cancellationToken);

    private async Task<JsonElement> SendAsync(HttpMethod method, string relative, IReadOnlyList<KeyValuePair<string, string>>? form, GraphCallTally tally, CancellationToken cancellationToken)
    {
        var call = $"{method} /{relative.Split('?')[0]}";
        var result = await edge.SendAsync(http, () => Build(method, relative, form), cancellationToken).ConfigureAwait(false);
        tally.Count(result.Attempts);
        var write = !WriteSafety.IsIdempotent(method);
        if (result.Response is not { } response)
        {
            throw NoAnswer(result.Failure!, call, write);
        }

        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta's answer to {call} broke off", (int)response.StatusCode, inner: e, outcomeUnknown: write);
            }

            var error = MetaGraphError.Parse(body);
            if (result.End == EdgeEnd.Answered && response.IsSuccessStatusCode && error is null)
            {
                return Success(body, call, (int)response.StatusCode);
            }

            throw Failure(response, error, call, result);
        }
    }

    private HttpRequestMessage Build(HttpMethod method, string relative, IReadOnlyList<KeyValuePair<string, string>>? form)
    {
        var request = new HttpRequestMessage(method, new Uri($"{baseUrl}/{relative}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return request;
    }

    private ConnectorException NoAnswer(EdgeFailure failure, string call, bool write)
    {
        var unknown = write && !failure.NotProcessed;
        return failure.Error is HttpRequestException e
            ? new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta could not be reached for {call}: {Scrub(e.Message)}", inner: e, outcomeUnknown: unknown)
            : failure.TimedOut
                ? new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta did not answer {call} in time", inner: failure.Error, outcomeUnknown: unknown)
                : new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta's answer to {call} broke off ({failure.Description})", failure.StatusCode, inner: failure.Error, outcomeUnknown: unknown);
    }

    private static JsonElement Success(string body, string call, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta answered {call} with JSON that is not an object", status);
        }
        catch (JsonException e)
        {
            throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta answered {call} with invalid JSON", status, inner: e);
        }
    }

    private ConnectorException Failure(HttpResponseMessage response, MetaGraphError? error, string call, EdgeResult result)
    {
        var status = (int)response.StatusCode;
        var what = error is null ? $"HTTP {status}" : Scrub(error.ToString());
        var code = error?.AppErrorCode;
        if (result.Failure is { Kind: EdgeFailureKind.Throttled } throttled)
        {
            var message = $"Meta throttled {call}: {what}";
            return new ConnectorException(ConnectorErrorKind.Throttled,
                result.End == EdgeEnd.WaitTooLong ? $"{message}; Meta asks to wait {throttled.Wait!.Value.TotalMinutes:0.#} min before calling again" : message, status, code);
        }

        if (error?.IsAuthorization == true || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new ConnectorException(ConnectorErrorKind.Unauthorized, $"Meta refused the credentials for {call}: {what}", status, code);
        }

        return result.Failure is not null
            ? new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta failed {call}: {what}", status, code, outcomeUnknown: result.End == EdgeEnd.OutcomeUnknown)
            : new ConnectorException(ConnectorErrorKind.Rejected, $"Meta rejected {call}: {what}", status, code);
    }

    private string Scrub(string text) => accessToken.Length == 0 ? text : text.Replace(accessToken, "[token]", StringComparison.Ordinal);
}
