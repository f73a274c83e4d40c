using System.Net;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Tests.Connectors.ConnectorHttp;

public sealed class ConnectorSenderTests
{
    // Jitter off so the backoff is exactly 1 s, 2 s (EdgeSenderTests checks the jittered bounds).
    private static readonly EdgePolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), Jitter: false);

    [Fact]
    public async Task Timeouts_are_retried_with_growing_waits_then_Unavailable()
    {
        var time = new InstantTimeProvider();
        var sender = Sender(_ => throw new TaskCanceledException("timed out"), time);
        var calls = new CallTally();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => sender.SendAsync("GET Users", Get, calls, CancellationToken.None));

        Assert.Equal((ConnectorErrorKind.Unavailable, 3), (error.Kind, calls.Count));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], time.Waits);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_succeeds()
    {
        var attempts = 0;
        var sender = Sender(_ => ++attempts == 1 ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused") : new HttpResponseMessage(HttpStatusCode.OK), new InstantTimeProvider());
        var calls = new CallTally();

        using var response = await sender.SendAsync("GET Users", Get, calls, CancellationToken.None);

        Assert.Equal((HttpStatusCode.OK, 2), (response.StatusCode, calls.Count));
    }

    [Fact]
    public async Task A_classifier_can_read_throttling_from_a_200_body()
    {
        var attempts = 0;
        var sender = new ConnectorSender(
            new HttpClient(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(++attempts < 3 ? "throttled" : "ok") })) { BaseAddress = new Uri("http://app.test/") },
            Policy, new BodyRules(), new InstantTimeProvider());

        using var response = await sender.SendAsync("GET me", Get, new CallTally(), CancellationToken.None);

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Other_failures_are_returned_for_the_caller_to_map()
    {
        var calls = new CallTally();
        using var response = await Sender(_ => new HttpResponseMessage(HttpStatusCode.Conflict), new InstantTimeProvider()).SendAsync("POST Users", Get, calls, CancellationToken.None);

        Assert.Equal((HttpStatusCode.Conflict, 1), (response.StatusCode, calls.Count));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task A_write_that_timed_out_is_not_sent_again_and_its_outcome_is_unknown(string method)
    {
        var calls = new CallTally();
        var sender = Sender(_ => throw new TaskCanceledException("timed out"), new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => sender.SendAsync($"{method} Users", () => new HttpRequestMessage(new HttpMethod(method), "Users"), calls, CancellationToken.None));

        Assert.Equal((true, 1), (error.OutcomeUnknown, calls.Count));
    }

    [Fact]
    public async Task A_write_whose_connection_dropped_after_sending_or_that_got_a_500_is_not_sent_again()
    {
        var dropped = new CallTally();
        var drop = Sender(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"), new InstantTimeProvider());
        var failed = new CallTally();
        var fail = Sender(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError), new InstantTimeProvider());

        var first = await Assert.ThrowsAsync<ConnectorException>(() => drop.SendAsync("POST Users", Post, dropped, CancellationToken.None));
        var second = await Assert.ThrowsAsync<ConnectorException>(() => fail.SendAsync("POST Users", Post, failed, CancellationToken.None));

        Assert.Equal((true, 1, true, 1), (first.OutcomeUnknown, dropped.Count, second.OutcomeUnknown, failed.Count));
    }

    [Fact]
    public async Task A_write_the_app_refused_to_take_or_that_never_connected_is_retried()
    {
        var attempts = 0;
        var sender = new ConnectorSender(
            new HttpClient(new StubHandler(_ => ++attempts switch
            {
                1 => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"),
                2 => new HttpResponseMessage(HttpStatusCode.TooManyRequests),
                3 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
                _ => new HttpResponseMessage(HttpStatusCode.Created),
            })) { BaseAddress = new Uri("http://app.test/") },
            new EdgePolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
            StatusRules.Instance,
            new InstantTimeProvider());
        var calls = new CallTally();

        using var response = await sender.SendAsync("POST Users", Post, calls, CancellationToken.None);

        Assert.Equal((HttpStatusCode.Created, 4), (response.StatusCode, calls.Count));
    }

    [Fact]
    public async Task Idempotent_writes_are_retried_after_a_timeout()
    {
        var attempts = 0;
        var sender = Sender(_ => ++attempts == 1 ? throw new TaskCanceledException("timed out") : new HttpResponseMessage(HttpStatusCode.NoContent), new InstantTimeProvider());
        var calls = new CallTally();

        using var response = await sender.SendAsync("DELETE Users/1", () => new HttpRequestMessage(HttpMethod.Delete, "Users/1"), calls, CancellationToken.None);

        Assert.Equal((HttpStatusCode.NoContent, 2), (response.StatusCode, calls.Count));
    }

    private static HttpRequestMessage Post() => new(HttpMethod.Post, "Users");

    private static HttpRequestMessage Get() => new(HttpMethod.Get, "Users");

    private static ConnectorSender Sender(Func<HttpRequestMessage, HttpResponseMessage> answer, TimeProvider time) =>
        new(new HttpClient(new StubHandler(answer)) { BaseAddress = new Uri("http://app.test/") }, Policy, StatusRules.Instance, time);

    private sealed class BodyRules : IApiRules
    {
        public async ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken) =>
            await response.Content.ReadAsStringAsync(cancellationToken) == "throttled" ? new EdgeFailure(EdgeFailureKind.Throttled, "code 4", TimeSpan.FromSeconds(1), 200, "4") : null;
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
