using System.Globalization;
using System.Net.Http.Headers;

namespace Cerby.Operator.HttpEdge;

/// <summary>The one reader of Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date, as a wait from now.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The wait the answer asked for, never negative; null when it has no (readable) Retry-After.</summary>
    public static TimeSpan? Parse(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Parse(response.Headers.RetryAfter, now) is { } wait)
        {
            return wait;
        }

        // A value the typed header refused (e.g. " 7" or "7.0" from a sloppy server) still counts when it is whole seconds.
        return response.Headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < int.MaxValue
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    /// <summary>The wait a parsed header asks for, never negative; null when absent.</summary>
    public static TimeSpan? Parse(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
