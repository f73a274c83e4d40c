namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>A failure worth retrying: what it becomes when retries run out, and the wait the app asked for.</summary>
/// <param name="Kind"><see cref="ConnectorErrorKind.Throttled"/> or <see cref="ConnectorErrorKind.Unavailable"/>.</param>
/// <param name="Description">What happened, e.g. "429 Too Many Requests"; no credentials.</param>
/// <param name="RetryAfter">The app's Retry-After, when it gave one.</param>
/// <param name="StatusCode">The HTTP status, when there was a response.</param>
/// <param name="AppErrorCode">The app's own code (e.g. a Meta error code), when known.</param>
internal sealed record TransientFailure(ConnectorErrorKind Kind, string Description, TimeSpan? RetryAfter, int? StatusCode, string? AppErrorCode = null)
{
    /// <summary>A write that may have been acted on: it is not retried (see <see cref="WriteSafety"/>).</summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>The default reading of a response: 429 is throttling, 408 and 5xx are unavailability, the rest is not transient.</summary>
    public static TransientFailure? FromStatus(HttpResponseMessage response, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var description = $"{status} {response.ReasonPhrase}".TrimEnd();
        return status switch
        {
            429 => new(ConnectorErrorKind.Throttled, description, ConnectorHttp.RetryAfter.Parse(response.Headers.RetryAfter, now), status),
            408 or >= 500 => new(ConnectorErrorKind.Unavailable, description, ConnectorHttp.RetryAfter.Parse(response.Headers.RetryAfter, now), status),
            _ => null,
        };
    }
}
