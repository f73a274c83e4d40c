using Cerby.Operator.HttpEdge;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// The HTTP edge as Kiota middleware for Microsoft Graph: 429, 503 and 504 wait for their <c>Retry-After</c> (seconds or
/// a date, capped), other 5xx, timeouts and refused connections back off with jitter; waits run on the
/// <see cref="TimeProvider"/>. The last failing answer is returned for the caller to read; no answer at all becomes an
/// <see cref="EntraApiException"/>. Stands in for Kiota's RetryHandler, which waits on the wall clock. A POST or PATCH
/// (Graph writes; the operator makes none today) is repeated only after an answer that says it was not processed (429,
/// 503): after a timeout, a dropped connection or another 5xx its outcome is unknown and the failure goes back to the
/// caller, unless the request is marked <see cref="SafeToRepeat"/> (the token request: asking twice for a token changes nothing).
/// </summary>
/// <param name="rules">Reads every answer (Graph's budget headers); the plain status rules when null.</param>
internal sealed class EntraRetryHandler(EntraRetryPolicy policy, TimeProvider time, ILogger logger, IApiRules? rules = null) : DelegatingHandler
{
    /// <summary>Marks a POST whose repetition is harmless.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeat = EdgeRequest.SafeToRepeat;

    private readonly EdgeSender edge = new(policy.Edge, rules ?? StatusRules.Instance, time, retry => Log(logger, retry));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var result = await edge.SendAsync(request.RequestUri!, EdgeRequest.Repeatable(request), ct => base.SendAsync(request, ct), cancellationToken);
        if (result.Response is { } response)
        {
            return response;
        }

        var failure = result.Failure!;
        throw new EntraApiException(
            $"no answer from Microsoft Graph to {request.Method} {request.RequestUri?.AbsolutePath ?? "?"} after {result.Attempts} attempts: {Reason(failure)}", inner: failure.Error);
    }

    private static string Reason(EdgeFailure failure) => failure.TimedOut ? failure.Description : failure.Error?.Message ?? failure.Description;

    private static void Log(ILogger logger, EdgeRetry retry)
    {
        var path = retry.Target.AbsolutePath;
        switch (retry.Failure.StatusCode)
        {
            case { } status when retry.Failure.Kind == EdgeFailureKind.Throttled || status is 503 or 504:
                logger.Throttled(path, status, retry.Wait, retry.Attempt);
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
