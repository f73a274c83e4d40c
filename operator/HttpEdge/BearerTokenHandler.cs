using System.Net.Http.Headers;

namespace Cerby.Operator.HttpEdge;

/// <summary>
/// Puts the app credential on every request as <c>Authorization: Bearer …</c>, so API clients never hold the token.
/// The token is kept only here: it is never logged, never part of a message, and <see cref="ToString"/> hides it.
/// </summary>
internal sealed class BearerTokenHandler(string token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }

    public override string ToString() => "Bearer ***";
}
