using System.Net;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Tests.Connectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>The Graph retry handler repeats reads, never a write whose outcome is unknown.</summary>
public sealed class EntraRetryHandlerTests
{
    [Fact]
    public async Task A_POST_whose_connection_dropped_is_sent_once_but_a_GET_is_retried()
    {
        var (posts, gets) = (0, 0);
        using var http = Client(request =>
        {
            _ = request.Method == HttpMethod.Post ? posts++ : gets++;
            return request.Method == HttpMethod.Get && gets > 1 ? new HttpResponseMessage(HttpStatusCode.OK) : throw new HttpRequestException(HttpRequestError.ResponseEnded, "dropped");
        });

        await Assert.ThrowsAsync<EntraApiException>(() => http.PostAsync("https://graph.test/v1.0/groups", new StringContent("{}")));
        using var read = await http.GetAsync("https://graph.test/v1.0/groups");

        Assert.Equal((1, 2), (posts, gets));
    }

    [Fact]
    public async Task A_token_request_marked_safe_to_repeat_is_retried()
    {
        var posts = 0;
        using var http = Client(_ => ++posts == 1 ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "dropped") : new HttpResponseMessage(HttpStatusCode.OK));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://login.test/t/oauth2/v2.0/token");
        request.Options.Set(EntraRetryHandler.SafeToRepeat, true);

        using var response = await http.SendAsync(request);

        Assert.Equal(2, posts);
    }

    private static HttpClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new EntraRetryHandler(new EntraRetryPolicy(MaxAttempts: 3), new InstantTimeProvider(), NullLogger.Instance) { InnerHandler = new Stub(answer) });

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
