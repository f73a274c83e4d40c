using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// Sends Graph API requests with the system-user token as a bearer header (never in a URL, so never in a message),
/// retries throttling and transient failures on the given <see cref="TimeProvider"/>, and turns every failure into a
/// <see cref="ConnectorException"/>. A retry waits what Meta asked for (<c>estimated_time_to_regain_access</c>,
/// Retry-After), else the base delay doubled per attempt; a requested wait beyond the longest allowed ends the call at once.
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
        for (var attempt = 1; ; attempt++)
        {
            tally.Count();
            var outcome = await AttemptAsync(method, relative, form, call, cancellationToken).ConfigureAwait(false);
            if (outcome.Failure is null)
            {
                return outcome.Body;
            }

            if (!outcome.Retryable || attempt >= options.MaxAttempts)
            {
                throw outcome.Failure;
            }

            if (outcome.RequestedWait > options.MaxRetryDelay)
            {
                throw new ConnectorException(outcome.Failure.Kind,
                    $"{outcome.Failure.Message}; Meta asks to wait {outcome.RequestedWait.Value.TotalMinutes:0.#} min before calling again",
                    outcome.Failure.StatusCode, outcome.Failure.AppErrorCode);
            }

            var backoff = options.RetryBaseDelay * Math.Pow(2, attempt - 1);
            await Task.Delay(outcome.RequestedWait ?? (backoff > options.MaxRetryDelay ? options.MaxRetryDelay : backoff), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Attempt> AttemptAsync(HttpMethod method, string relative, IReadOnlyList<KeyValuePair<string, string>>? form, string call, CancellationToken cancellationToken)
    {
        var write = !ConnectorHttp.WriteSafety.IsIdempotent(method);
        using var request = new HttpRequestMessage(method, new Uri($"{baseUrl}/{relative}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Attempt.Failed(new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta did not answer {call} in time", inner: e, outcomeUnknown: write), retryable: !write);
        }
        catch (HttpRequestException e)
        {
            var unknown = write && !ConnectorHttp.WriteSafety.NeverSent(e);
            return Attempt.Failed(new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta could not be reached for {call}: {Scrub(e.Message)}", inner: e, outcomeUnknown: unknown), retryable: !unknown);
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
                return Attempt.Failed(new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta's answer to {call} broke off", (int)response.StatusCode, inner: e, outcomeUnknown: write), retryable: !write);
            }

            var error = MetaGraphError.Parse(body);
            return response.IsSuccessStatusCode && error is null
                ? Success(body, call, (int)response.StatusCode)
                : Failure(response, error, call, write);
        }
    }

    private static Attempt Success(string body, string call, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Attempt.Failed(new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta answered {call} with JSON that is not an object", status), retryable: false);
            }

            return new Attempt(document.RootElement.Clone(), null, false, null);
        }
        catch (JsonException e)
        {
            return Attempt.Failed(new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta answered {call} with invalid JSON", status, inner: e), retryable: false);
        }
    }

    private Attempt Failure(HttpResponseMessage response, MetaGraphError? error, string call, bool write)
    {
        var status = (int)response.StatusCode;
        var what = error is null ? $"HTTP {status}" : Scrub(error.ToString());
        var code = error?.AppErrorCode;
        if (error?.IsThrottling == true || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new Attempt(default, new ConnectorException(ConnectorErrorKind.Throttled, $"Meta throttled {call}: {what}", status, code), true, MetaThrottleHeaders.RequestedWait(response));
        }

        if (error?.IsAuthorization == true || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return Attempt.Failed(new ConnectorException(ConnectorErrorKind.Unauthorized, $"Meta refused the credentials for {call}: {what}", status, code), retryable: false);
        }

        if (error?.IsTransientFailure == true || status >= 500)
        {
            // A POST Meta failed may still have taken effect, unless Meta said it was unavailable (503).
            var unknown = write && status != 503;
            return Attempt.Failed(new ConnectorException(ConnectorErrorKind.Unavailable, $"Meta failed {call}: {what}", status, code, outcomeUnknown: unknown), retryable: !unknown);
        }

        return Attempt.Failed(new ConnectorException(ConnectorErrorKind.Rejected, $"Meta rejected {call}: {what}", status, code), retryable: false);
    }

    private string Scrub(string text) => accessToken.Length == 0 ? text : text.Replace(accessToken, "[token]", StringComparison.Ordinal);

    private readonly record struct Attempt(JsonElement Body, ConnectorException? Failure, bool Retryable, TimeSpan? RequestedWait)
    {
        public static Attempt Failed(ConnectorException failure, bool retryable) => new(default, failure, retryable, null);
    }
}
