using Cerby.Operator.HttpEdge;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// Sends one Okta request through the HTTP edge with Okta's rate-limit rules (<see cref="OktaRateLimitGate"/>): 429
/// waits for the window to reset, 5xx, timeouts and refused connections back off with jitter, every wait on the
/// <see cref="TimeProvider"/>. What still fails becomes an <see cref="OktaApiException"/>.
/// </summary>
internal sealed class OktaSender(HttpClient http, OktaRateLimitGate gate, EdgePolicy policy, TimeProvider time, ILogger logger)
{
    private readonly EdgeSender edge = new(policy, gate, time, retry => Log(logger, retry));

    /// <summary>The rate-limit window of <paramref name="uri"/>'s endpoint family as last observed.</summary>
    public RateBudget? Budget(Uri uri) => gate.Observed(uri);

    /// <summary>A successful answer to <paramref name="uri"/>; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        var result = await edge.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        if (result.Response is not { } response)
        {
            var failure = result.Failure!;
            throw new OktaApiException($"no answer from Okta to GET {uri.AbsolutePath} after {result.Attempts} attempts: {Reason(failure)}", inner: failure.Error);
        }

        if (response.IsSuccessStatusCode && result.End == EdgeEnd.Answered)
        {
            return response;
        }

        using (response)
        {
            throw await OktaErrorBody.ToExceptionAsync(response, $"GET {uri.AbsolutePath}", cancellationToken);
        }
    }

    private static string Reason(EdgeFailure failure) => failure.TimedOut ? "timed out" : failure.Error?.Message ?? failure.Description;

    private static void Log(ILogger logger, EdgeRetry retry)
    {
        var path = retry.Target.AbsolutePath;
        switch (retry.Failure.StatusCode)
        {
            case 429:
                logger.RateLimited(path, retry.Wait, retry.Attempt);
                break;
            case { } status:
                logger.ServerError(path, status, retry.Wait, retry.Attempt);
                break;
            default:
                logger.NoAnswer(path, Reason(retry.Failure), retry.Wait, retry.Attempt);
                break;
        }
    }
}
