using System.Net.Http.Headers;

namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>Reads the Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.</summary>
internal static class RetryAfter
{
    /// <summary>The wait the server asked for, never negative; null when the header is absent.</summary>
    public static TimeSpan? Parse(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
