using System.Net;
using System.Text;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Tests.Identity.Okta;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>Answers no Graph server should give but proxies and gateways do: HTML error pages, bodies that are not JSON.</summary>
public sealed class EntraOddAnswersTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "text/html", "<html><body>502 Bad Gateway</body></html>")]
    [InlineData(HttpStatusCode.OK, "text/html", "<html><body>captive portal</body></html>")]
    [InlineData(HttpStatusCode.OK, "application/json", "{\"value\": [ {\"id\": ")]
    public async Task An_answer_that_is_not_graph_json_leaves_the_read_unknown_and_fails_the_poll(HttpStatusCode status, string contentType, string body)
    {
        using var transport = new StubTransport(status, contentType, body);
        var settings = new EntraSettings { TenantId = "tenant", ClientId = "client", GraphBaseUrl = "https://graph.example.test/v1.0", AuthorityHost = "https://login.example.test" };
        await using var source = new EntraIdentitySource("default/entra", settings, new EntraCredentials("tenant", "client", "secret"), "sp", TimeProvider.System,
            new CapturedLog(), policy: new EntraRetryPolicy(MaxAttempts: 1), transport: transport);

        var read = await source.ReadAsync([new IdpGroupReference { DisplayName = "Social Editors" }], CancellationToken.None);

        Assert.False(read.Directory.UsersKnown);
        Assert.False(read.Directory.AssignmentsKnown);
        Assert.Equal(GroupLookupOutcome.LookupFailed, read.Groups.Single().Outcome);
        Assert.NotNull(read.UsersProblem);
        await Assert.ThrowsAsync<IdentitySourceException>(() => source.PollAsync(IdpDirectory.Unreadable("default/entra"), CancellationToken.None));
    }

    /// <summary>Issues a token, then answers every Graph request with the same canned response.</summary>
    private sealed class StubTransport(HttpStatusCode status, string contentType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = request.RequestUri!.Host.StartsWith("login.", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"stub\"}", Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            return Task.FromResult(response);
        }
    }
}
