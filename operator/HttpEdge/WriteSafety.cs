namespace Cerby.Operator.HttpEdge;

/// <summary>
/// Which failed attempts may be sent again. GET, HEAD, PUT and DELETE are idempotent (RFC 9110 §9.2.2): repeating them
/// is harmless, so every transient failure is retried. POST and PATCH are not: they are repeated only when the failure
/// proves the app did not act (the connection was never made, 429, 503, 408); after a timeout, a connection dropped
/// once the request was out, or another 5xx the app may have acted, and the outcome is unknown.
/// </summary>
internal static class WriteSafety
{
    /// <summary>Whether repeating <paramref name="method"/> cannot do anything twice.</summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

    /// <summary>Whether a transport failure happened before any byte of the request could reach the app.</summary>
    public static bool NeverSent(HttpRequestException failure) =>
        failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    /// <summary>Whether an HTTP status says the app did not act on the request: 408, 429, 503.</summary>
    public static bool NotProcessed(int status) => status is 408 or 429 or 503;
}
