using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>
/// A connector's door to the HTTP edge: sends one logical request through an <see cref="EdgeSender"/> with the app's
/// <see cref="IApiRules"/>, counts every attempt in the <see cref="CallTally"/>, and turns a failure the edge gave up on
/// into a <see cref="ConnectorException"/> (Throttled or Unavailable; <see cref="ConnectorException.OutcomeUnknown"/>
/// for a write that was not sent again). Any other answer is returned as is for the caller to read or map. Messages
/// name the operation, never a header or credential.
/// </summary>
internal sealed class ConnectorSender(HttpClient http, EdgePolicy policy, IApiRules rules, TimeProvider time)
{
    private readonly EdgeSender edge = new(policy, rules, time);

    /// <summary>
    /// Sends a fresh request from <paramref name="build"/> per attempt. <paramref name="operation"/> names the call in
    /// messages, e.g. "GET Users". <paramref name="readOnly"/> marks a POST that only reads (a query API such as Google
    /// Ads search): it is repeated like a GET.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(string operation, Func<HttpRequestMessage> build, CallTally calls, CancellationToken cancellationToken, bool readOnly = false)
    {
        var result = await edge.SendAsync(http, build, cancellationToken, readOnly).ConfigureAwait(false);
        calls.Add(result.Attempts);
        if (result.End == EdgeEnd.Answered)
        {
            return result.Response!;
        }

        result.Response?.Dispose();
        var failure = result.Failure!;
        var why = result.End switch
        {
            EdgeEnd.OutcomeUnknown => "the app may have acted on it, so it is not sent again",
            EdgeEnd.WaitTooLong => $"the app asked to wait {failure.Wait!.Value.TotalSeconds:0}s, more than the {policy.MaxDelay.TotalSeconds:0}s allowed",
            _ => $"gave up after {result.Attempts} attempts",
        };
        throw new ConnectorException(failure.Kind == EdgeFailureKind.Throttled ? ConnectorErrorKind.Throttled : ConnectorErrorKind.Unavailable,
            $"{operation}: {failure.Description}; {why}", failure.StatusCode, failure.AppCode, failure.Error, outcomeUnknown: result.End == EdgeEnd.OutcomeUnknown);
    }
}
