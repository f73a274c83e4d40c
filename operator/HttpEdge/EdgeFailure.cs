namespace Cerby.Operator.HttpEdge;

/// <summary>Why a failure is worth retrying: the API throttled the caller, or was unavailable.</summary>
internal enum EdgeFailureKind
{
    Throttled,
    Unavailable,
}

/// <summary>A failed attempt worth retrying: what it becomes when retries run out, and the wait the API asked for.</summary>
/// <param name="Kind">Throttled or unavailable.</param>
/// <param name="Description">What happened, e.g. "429 Too Many Requests"; never a header value or credential.</param>
/// <param name="Wait">The wait the API asked for (Retry-After, a rate-limit reset), when it named one.</param>
/// <param name="StatusCode">The HTTP status, when there was an answer.</param>
/// <param name="AppCode">The API's own code (a Meta or TikTok error code), when known.</param>
internal sealed record EdgeFailure(EdgeFailureKind Kind, string Description, TimeSpan? Wait, int? StatusCode, string? AppCode = null)
{
    /// <summary>
    /// The failure proves the API did not act on the request (throttled, 408, 503, a connection never made), so even a
    /// write may be sent again. Otherwise a write's outcome is unknown (see <see cref="WriteSafety"/>).
    /// </summary>
    public bool NotProcessed { get; init; } = Kind == EdgeFailureKind.Throttled || (StatusCode is { } status && WriteSafety.NotProcessed(status));

    /// <summary>No answer within the attempt's time.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The transport failure, when there was no answer.</summary>
    public Exception? Error { get; init; }

    /// <summary>The default reading of an answer: 429 is throttling, 408 and 5xx unavailability (with their Retry-After), the rest is not a failure to retry.</summary>
    public static EdgeFailure? FromStatus(HttpResponseMessage response, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var description = $"{status} {response.ReasonPhrase}".TrimEnd();
        return status switch
        {
            429 => new(EdgeFailureKind.Throttled, description, RetryAfterHeader.Parse(response, now), status),
            408 or >= 500 => new(EdgeFailureKind.Unavailable, description, RetryAfterHeader.Parse(response, now), status),
            _ => null,
        };
    }
}
