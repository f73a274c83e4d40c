using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// Builds the Graph client for one tenant: a <see cref="GraphServiceClient"/> over an HttpClient whose only middleware
/// is <see cref="EntraRetryHandler"/> (on the source's clock, reading Graph's budget into an <see cref="EntraBudgetWatch"/>),
/// bearer tokens from <see cref="EntraTokenProvider"/>.
/// </summary>
internal static class EntraGraphFactory
{
    public static readonly Uri DefaultGraphBaseUrl = new("https://graph.microsoft.com/v1.0");

    public static readonly Uri DefaultAuthorityHost = new("https://login.microsoftonline.com");

    /// <param name="transport">The innermost handler, left to the caller to dispose; a fresh <see cref="SocketsHttpHandler"/> (disposed with the client) when null.</param>
    public static EntraGraph Create(Uri graphBaseUrl, Uri authorityHost, EntraCredentials credentials, TimeProvider time, ILogger logger,
        EntraRetryPolicy? policy = null, HttpMessageHandler? transport = null)
    {
        policy ??= new EntraRetryPolicy();
        var ownsTransport = transport is null;
        transport ??= HttpEdge.EdgeClients.Transport();
        var baseUrl = new Uri(graphBaseUrl.AbsoluteUri.TrimEnd('/'));
        var authority = new Uri(authorityHost.AbsoluteUri.TrimEnd('/') + "/");
        var tokenHttp = new HttpClient(new EntraRetryHandler(policy, time, logger) { InnerHandler = transport }, disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var tokens = new EntraTokenProvider(tokenHttp, authority, baseUrl, credentials, time);
        var budget = new EntraBudgetWatch();
        var http = new HttpClient(new EntraRetryHandler(policy, time, logger, budget) { InnerHandler = transport }, disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var graph = new GraphServiceClient(http, new BaseBearerTokenAuthenticationProvider(tokens), baseUrl.AbsoluteUri);
        return new EntraGraph(graph, baseUrl, credentials, tokens, policy, budget, ownsTransport ? [http, tokenHttp, transport] : [http, tokenHttp]);
    }
}
