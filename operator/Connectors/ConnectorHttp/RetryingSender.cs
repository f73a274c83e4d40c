namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>
/// Sends one logical request with bounded retries: throttling (429 with Retry-After), 408/5xx, connection failures
/// and per-attempt timeouts are retried per <see cref="RetryPolicy"/>, waiting through <see cref="TimeProvider"/>;
/// when the attempts run out it throws <see cref="ConnectorException"/> (Throttled or Unavailable). Any other response
/// is returned as is for the caller to read or map. Messages name the operation, never a header or credential.
/// A POST or PATCH is never repeated after a failure that leaves open whether the app acted (a timeout, a connection
/// dropped after the request went out, a 5xx other than 503): it fails at once with
/// <see cref="ConnectorException.OutcomeUnknown"/> for the caller to resolve by a read (see <see cref="WriteSafety"/>).
/// </summary>
internal sealed class RetryingSender(HttpClient http, RetryPolicy policy, TimeProvider time)
{
    /// <summary>Reads a response as transient (to retry) or not (null); the default is <see cref="TransientFailure.FromStatus"/>.</summary>
    public delegate ValueTask<TransientFailure?> Classifier(HttpResponseMessage response, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a fresh request from <paramref name="build"/> per attempt. <paramref name="operation"/> names the call in
    /// messages, e.g. "GET Users". Every attempt is counted in <paramref name="calls"/>. <paramref name="readOnly"/> marks a
    /// POST that only reads (a query API such as Google Ads search): it is repeated like a GET.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        string operation, Func<HttpRequestMessage> build, CallTally calls, CancellationToken cancellationToken, Classifier? classify = null, bool readOnly = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            calls.Add();
            var failure = await TrySendAsync(build, classify, readOnly, cancellationToken);
            if (failure.Response is { } response)
            {
                return response;
            }

            var transient = failure.Transient!;
            if (transient.OutcomeUnknown)
            {
                throw new ConnectorException(transient.Kind, $"{operation}: {transient.Description}; the app may have acted on it, so it is not sent again",
                    transient.StatusCode, transient.AppErrorCode, outcomeUnknown: true);
            }

            var wait = transient.RetryAfter ?? policy.BaseDelay * Math.Pow(2, attempt - 1);
            if (attempt >= policy.MaxAttempts || transient.RetryAfter > policy.MaxDelay)
            {
                var why = transient.RetryAfter > policy.MaxDelay
                    ? $"the app asked to wait {transient.RetryAfter.Value.TotalSeconds:0}s, more than the {policy.MaxDelay.TotalSeconds:0}s allowed"
                    : $"gave up after {attempt} attempts";
                throw new ConnectorException(transient.Kind, $"{operation}: {transient.Description}; {why}", transient.StatusCode, transient.AppErrorCode);
            }

            await Task.Delay(wait > policy.MaxDelay ? policy.MaxDelay : wait, time, cancellationToken);
        }
    }

    private async Task<(HttpResponseMessage? Response, TransientFailure? Transient)> TrySendAsync(
        Func<HttpRequestMessage> build, Classifier? classify, bool readOnly, CancellationToken cancellationToken)
    {
        using var request = build();
        var idempotent = readOnly || WriteSafety.IsIdempotent(request.Method);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return (null, new TransientFailure(ConnectorErrorKind.Unavailable, $"the app could not be reached ({ex.HttpRequestError})", null, null)
            {
                OutcomeUnknown = !idempotent && !WriteSafety.NeverSent(ex),
            });
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new TransientFailure(ConnectorErrorKind.Unavailable, $"no answer within {http.Timeout.TotalSeconds:0}s", null, null) { OutcomeUnknown = !idempotent });
        }

        var transient = classify is null
            ? TransientFailure.FromStatus(response, time.GetUtcNow())
            : await classify(response, cancellationToken);
        if (transient is null)
        {
            return (response, null);
        }

        response.Dispose();
        return (null, idempotent || transient.Kind == ConnectorErrorKind.Throttled || transient.StatusCode is not { } status || WriteSafety.NotProcessed(status) ? transient : transient with { OutcomeUnknown = true });
    }
}
