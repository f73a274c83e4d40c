namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>Builds the <see cref="HttpClient"/> a connector talks through.</summary>
internal static class ConnectorHttpClients
{
    /// <summary>
    /// A client for <paramref name="baseUrl"/> (a trailing slash is added so relative paths such as "Users" stay
    /// under it) that sends <paramref name="token"/> as a bearer token and gives up on one attempt after
    /// <paramref name="attemptTimeout"/>. Make one per hub and keep it: it owns a connection pool.
    /// </summary>
    public static HttpClient Create(string baseUrl, string token, TimeSpan attemptTimeout) =>
        new(new BearerTokenHandler(token) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } })
        {
            BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"),
            Timeout = attemptTimeout,
        };
}
