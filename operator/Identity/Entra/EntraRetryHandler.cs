using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// Sends one request with bounded retries: 429, 503 and 504 wait for their <c>Retry-After</c> (seconds or a date,
/// capped), other 5xx, timeouts and refused connections back off exponentially; every wait and every per-attempt
/// timeout runs on the <see cref="TimeProvider"/>. The last failing answer is returned for the caller to read; no
/// answer at all becomes an <see cref="EntraApiException"/>. Stands in for Kiota's RetryHandler, which waits on the
/// wall clock. A POST or PATCH (Graph writes; the operator makes none today) is repeated only after an answer that says
/// it was not processed (429, 503): after a timeout, a dropped connection or another 5xx its outcome is unknown and
/// the failure goes back to the caller, unless the request is marked <see cref="SafeToRepeat"/> (the token request:
/// asking twice for a token changes nothing).
/// </summary>
internal sealed class EntraRetryHandler(EntraRetryPolicy policy, TimeProvider time, ILogger logger) : DelegatingHandler
{
    /// <summary>Marks a POST whose repetition is harmless.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeat = new("cerby.safe-to-repeat");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "?";
        var repeatable = Connectors.ConnectorHttp.WriteSafety.IsIdempotent(request.Method)
            || (request.Options.TryGetValue(SafeToRepeat, out var safe) && safe);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            using var timeout = new CancellationTokenSource(policy.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                response = await base.SendAsync(request, linked.Token);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var reason = e is OperationCanceledException ? $"no answer within {policy.Timeout.TotalSeconds:0.###} s" : e.Message;
                if (attempt >= policy.MaxAttempts || !repeatable && !(e is HttpRequestException sent && Connectors.ConnectorHttp.WriteSafety.NeverSent(sent)))
                {
                    throw new EntraApiException($"no answer from Microsoft Graph to {request.Method} {path} after {attempt} attempts: {reason}", inner: e);
                }

                logger.NoAnswer(path, reason, policy.Backoff(attempt), attempt);
                await Task.Delay(policy.Backoff(attempt), time, cancellationToken);
                continue;
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || !(status == 429 || status >= 500) || attempt >= policy.MaxAttempts
                || (!repeatable && !Connectors.ConnectorHttp.WriteSafety.NotProcessed(status)))
            {
                return response;
            }

            var throttled = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
            var wait = throttled && RetryAfter(response) is { } after ? after : policy.Backoff(attempt);
            if (throttled)
            {
                logger.Throttled(path, status, wait, attempt);
            }
            else
            {
                logger.ServerError(path, status, wait, attempt);
            }

            response.Dispose();
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>The answer's Retry-After, as a wait from now: delta-seconds or an HTTP date, capped by the policy.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is null && response.Headers.TryGetValues("Retry-After", out var raw)
            && int.TryParse(raw.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }

        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, policy.RetryAfterCap.Ticks)) : null;
    }
}
