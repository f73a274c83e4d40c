using System.Net;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// How the edge reads Graph API answers: a throttling code or 429 is throttling, waiting what Meta asked for
/// (<see cref="MetaThrottleHeaders"/>); an error Meta flags transient (codes 1, 2, is_transient) or a 5xx is
/// unavailability, and only a 503 proves Meta did not act on a POST. Authorization and other errors are not retried.
/// </summary>
internal sealed class MetaThrottling : IApiRules
{
    /// <summary>The rules, stateless.</summary>
    public static MetaThrottling Instance { get; } = new();

    public async ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var error = MetaGraphError.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode && error is null)
        {
            return null;
        }

        var what = error is null ? $"HTTP {status}" : error.ToString();
        if (error?.IsThrottling == true || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new EdgeFailure(EdgeFailureKind.Throttled, what, MetaThrottleHeaders.RequestedWait(response, now), status, error?.AppErrorCode);
        }

        if (error?.IsAuthorization == true || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return null;
        }

        return error?.IsTransientFailure == true || status >= 500
            ? new EdgeFailure(EdgeFailureKind.Unavailable, what, null, status, error?.AppErrorCode) { NotProcessed = status == 503 }
            : null;
    }
}
