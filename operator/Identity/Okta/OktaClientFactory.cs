using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>Builds an <see cref="OktaClient"/> for one org: auth handler, retry policy, rate-limit gate, one clock.</summary>
internal static class OktaClientFactory
{
    /// <param name="transport">The innermost handler; a fresh <see cref="SocketsHttpHandler"/> when null.</param>
    public static OktaClient Create(
        Uri org,
        OktaCredentials credentials,
        TimeProvider time,
        ILogger logger,
        OktaRetryPolicy? policy = null,
        TimeSpan? requestTimeout = null,
        HttpMessageHandler? transport = null)
    {
        policy ??= new OktaRetryPolicy();
        transport ??= HttpEdge.EdgeClients.Transport();
        var timeout = requestTimeout ?? TimeSpan.FromSeconds(30);
        OktaAuthorizationHandler authorization = credentials switch
        {
            OktaApiToken token => OktaAuthorizationHandler.ApiToken(token),
            OktaPrivateKey key => OktaAuthorizationHandler.ServiceApp(
                new OktaAccessTokenSource(new HttpClient(transport, disposeHandler: false) { Timeout = timeout }, org, key, time)),
            _ => throw new ArgumentException($"unsupported credentials: {credentials}", nameof(credentials)),
        };
        authorization.InnerHandler = transport;
        var http = new HttpClient(authorization)
        {
            BaseAddress = org,
            Timeout = timeout,
        };
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var sender = new OktaSender(http, new OktaRateLimitGate(policy), policy.Edge(timeout), time, logger);
        return new OktaClient(http, sender, policy);
    }
}
