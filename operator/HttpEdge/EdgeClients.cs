namespace Cerby.Operator.HttpEdge;

/// <summary>
/// Builds the <see cref="HttpClient"/>s outbound API clients send through: a pooled transport (connections recycled
/// every 5 minutes so DNS changes are seen), an optional bearer token, and no client-wide timeout (the
/// <see cref="EdgeSender"/> times each attempt and the whole call). Make one per API connection and keep it.
/// </summary>
internal static class EdgeClients
{
    /// <summary>A fresh transport handler.</summary>
    public static SocketsHttpHandler Transport() => new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>
    /// A client for <paramref name="baseUrl"/> (a trailing slash is added so relative paths such as "Users" stay under
    /// it) that sends <paramref name="token"/>, when given, as a bearer token. <paramref name="attemptTimeout"/>, when
    /// given, also bounds each send at the client (the edge sends once per attempt).
    /// </summary>
    public static HttpClient Create(string baseUrl, string? token = null, TimeSpan? attemptTimeout = null, HttpMessageHandler? transport = null)
    {
        var inner = transport ?? Transport();
        HttpMessageHandler handler = token is null ? inner : new BearerTokenHandler(token) { InnerHandler = inner };
        return new HttpClient(handler, disposeHandler: transport is null)
        {
            BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"),
            Timeout = attemptTimeout ?? Timeout.InfiniteTimeSpan,
        };
    }
}
