using System.Net;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// Sends one Okta request with bounded retries: 429 waits for the rate-limit window to reset, 5xx, timeouts and
/// refused connections back off exponentially; every wait goes through the <see cref="TimeProvider"/>. What still fails
/// becomes an <see cref="OktaApiException"/>.
/// </summary>
internal sealed class OktaSender(HttpClient http, OktaRateLimitGate gate, OktaRetryPolicy policy, TimeProvider time, ILogger logger)
{
    /// <summary>A successful answer to <paramref name="uri"/>; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await gate.WaitTurnAsync(uri, cancellationToken);
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (IsTransport(e, cancellationToken))
            {
                var reason = e is TaskCanceledException ? "timed out" : e.Message;
                if (attempt >= policy.MaxAttempts)
                {
                    throw new OktaApiException($"no answer from Okta to GET {uri.AbsolutePath} after {attempt} attempts: {reason}", inner: e);
                }

                logger.NoAnswer(uri.AbsolutePath, reason, policy.Backoff(attempt), attempt);
                await Task.Delay(policy.Backoff(attempt), time, cancellationToken);
                continue;
            }

            gate.Observe(uri, response);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            var retriable = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
            if (!retriable || attempt >= policy.MaxAttempts)
            {
                using (response)
                {
                    throw await OktaErrorBody.ToExceptionAsync(response, $"GET {uri.AbsolutePath}", cancellationToken);
                }
            }

            TimeSpan wait;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                wait = gate.AfterTooManyRequests(response);
                logger.RateLimited(uri.AbsolutePath, wait, attempt);
            }
            else
            {
                wait = policy.Backoff(attempt);
                logger.ServerError(uri.AbsolutePath, status, wait, attempt);
            }

            response.Dispose();
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
