using System.Net;
using System.Net.Http.Headers;

namespace Cerby.Operator.Identity.Okta;

/// <summary>Adds <c>Authorization: SSWS {token}</c>, or <c>Bearer {access token}</c> for a service app, to every request.</summary>
internal sealed class OktaAuthorizationHandler : DelegatingHandler
{
    private readonly Func<CancellationToken, Task<AuthenticationHeaderValue>> _authorization;
    private readonly Action _refused;

    private OktaAuthorizationHandler(Func<CancellationToken, Task<AuthenticationHeaderValue>> authorization, Action refused)
    {
        _authorization = authorization;
        _refused = refused;
    }

    public static OktaAuthorizationHandler ApiToken(OktaApiToken token) =>
        new(_ => Task.FromResult(new AuthenticationHeaderValue("SSWS", token.Token)), () => { });

    /// <summary>Bearer tokens from the service app's token source; a 401 makes the next request fetch a new one.</summary>
    public static OktaAuthorizationHandler ServiceApp(OktaAccessTokenSource tokens) =>
        new(async cancellationToken => new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken)), tokens.Invalidate);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = await _authorization(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            _refused();
        }

        return response;
    }
}
