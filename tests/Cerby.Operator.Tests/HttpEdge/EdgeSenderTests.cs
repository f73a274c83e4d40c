using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cerby.Operator.Connectors.GitHub;
using Cerby.Operator.Connectors.Meta;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Identity.Okta;

namespace Cerby.Operator.Tests.HttpEdge;

/// <summary>The one HTTP edge: waits asked for, jitter, the per-host cap, and writes never repeated after an ambiguous failure. Counts calls; never sleeps.</summary>
public sealed class EdgeSenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly EdgePolicy Policy = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), Jitter: false);

    private static readonly Dictionary<string, (Func<HttpResponseMessage> Throttled, IApiRules Rules, TimeSpan Expected)> Asked = new()
    {
        ["Retry-After seconds"] = (() => Answer(503, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))), StatusRules.Instance, TimeSpan.FromSeconds(7)),
        ["Retry-After HTTP date"] = (() => Answer(429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(30))), StatusRules.Instance, TimeSpan.FromSeconds(30)),
        ["Retry-After date past"] = (() => Answer(429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(-30))), StatusRules.Instance, TimeSpan.Zero),
        ["Graph 429 Retry-After"] = (() => Answer(429, r => r.Headers.TryAddWithoutValidation("Retry-After", "4")), StatusRules.Instance, TimeSpan.FromSeconds(4)),
        ["Okta X-Rate-Limit-Reset"] = (() => Answer(429, r => { r.Headers.Date = Now; r.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", Now.AddSeconds(5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)); }), new OktaRateLimitGate(new OktaRetryPolicy()), TimeSpan.FromSeconds(5)),
        ["Okta 429 without Reset"] = (() => Answer(429), new OktaRateLimitGate(new OktaRetryPolicy()), TimeSpan.FromSeconds(1)),
        ["GitHub primary limit"] = (() => Answer(403, r => { r.Headers.TryAddWithoutValidation("x-ratelimit-remaining", "0"); r.Headers.TryAddWithoutValidation("x-ratelimit-reset", Now.AddSeconds(20).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)); }), GitHubRateLimits.Instance, TimeSpan.FromSeconds(20)),
        ["GitHub secondary limit"] = (() => Answer(403, r => { r.Headers.TryAddWithoutValidation("retry-after", "3"); r.Headers.TryAddWithoutValidation("x-ratelimit-remaining", "40"); r.Content = new StringContent("""{"message":"You have exceeded a secondary rate limit"}"""); }), GitHubRateLimits.Instance, TimeSpan.FromSeconds(3)),
        ["Meta business use case usage"] = (() => Answer(400, r => { r.Headers.TryAddWithoutValidation("X-Business-Use-Case-Usage", """{"1":[{"type":"ads_management","estimated_time_to_regain_access":2}]}"""); r.Content = new StringContent("""{"error":{"message":"limit","code":80004}}"""); }), MetaThrottling.Instance, TimeSpan.FromMinutes(2)),
    };

    [Theory]
    [InlineData("Retry-After seconds")]
    [InlineData("Retry-After HTTP date")]
    [InlineData("Retry-After date past")]
    [InlineData("Graph 429 Retry-After")]
    [InlineData("Okta X-Rate-Limit-Reset")]
    [InlineData("Okta 429 without Reset")]
    [InlineData("GitHub primary limit")]
    [InlineData("GitHub secondary limit")]
    [InlineData("Meta business use case usage")]
    public async Task The_wait_the_API_asked_for_is_the_wait(string form)
    {
        var (throttled, rules, expected) = Asked[form];
        var retries = new ConcurrentQueue<EdgeRetry>();
        var calls = 0;
        var edge = new EdgeSender(Policy, rules, new FixedClock(Now), retries.Enqueue, new HostLimits());

        var result = await edge.SendAsync(new Uri("http://api.test/x"), repeatable: true,
            _ => Task.FromResult(++calls == 1 ? throttled() : new HttpResponseMessage(HttpStatusCode.OK)), CancellationToken.None);

        Assert.Equal((EdgeEnd.Answered, 2), (result.End, result.Attempts));
        Assert.Equal(expected, Assert.Single(retries).Wait);
    }

    [Theory]
    [InlineData(true, "WaitTooLong", 1)]
    [InlineData(false, "Answered", 2)]
    public async Task A_wait_longer_than_allowed_ends_the_call_or_is_capped(bool giveUp, string end, int attempts)
    {
        var longWait = giveUp ? LongWait.GiveUp : LongWait.Cap;
        var retries = new ConcurrentQueue<EdgeRetry>();
        var calls = 0;
        var edge = new EdgeSender(new EdgePolicy(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), longWait), StatusRules.Instance, new FixedClock(Now), retries.Enqueue, new HostLimits());

        var result = await edge.SendAsync(new Uri("http://api.test/x"), true,
            _ => Task.FromResult(++calls == 1 ? Answer(429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(5))) : new HttpResponseMessage(HttpStatusCode.OK)), CancellationToken.None);
        result.Response?.Dispose();

        Assert.Equal((end, attempts), (result.End.ToString(), result.Attempts));
        Assert.All(retries, r => Assert.Equal(TimeSpan.FromSeconds(10), r.Wait));
    }

    [Fact]
    public async Task Backoff_is_jittered_and_bounded_by_the_longest_wait()
    {
        var waits = new ConcurrentQueue<TimeSpan>();
        var policy = new EdgePolicy(8, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        for (var run = 0; run < 5; run++)
        {
            var edge = new EdgeSender(policy, StatusRules.Instance, new FixedClock(Now), r => waits.Enqueue(r.Wait), new HostLimits());
            var result = await edge.SendAsync(new Uri("http://api.test/x"), true, _ => Task.FromResult(Answer(503)), CancellationToken.None);
            result.Response?.Dispose();
            Assert.Equal(8, result.Attempts);
        }

        Assert.Equal(35, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, policy.MaxDelay));
        Assert.True(waits.Distinct().Count() > 7, "the waits repeat the same un-jittered sequence");
    }

    [Fact]
    public async Task No_more_requests_than_the_cap_are_in_flight_to_one_host()
    {
        var hosts = new HostLimits();
        var edge = new EdgeSender(Policy with { MaxConcurrentPerHost = 2 }, StatusRules.Instance, new FixedClock(Now), null, hosts);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (inFlight, most, started) = (0, 0, 0);
        async Task<HttpResponseMessage> Send(CancellationToken ct)
        {
            var now = Interlocked.Increment(ref inFlight);
            Interlocked.Increment(ref started);
            InterlockedMax(ref most, now);
            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref inFlight);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        var sends = Enumerable.Range(0, 6).Select(i => edge.SendAsync(new Uri($"http://api.test/{i}"), true, Send, CancellationToken.None)).ToList();
        var other = await new EdgeSender(Policy with { MaxConcurrentPerHost = 2 }, StatusRules.Instance, new FixedClock(Now), null, hosts)
            .SendAsync(new Uri("http://other.test/"), true, _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)), CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref started) >= 2, "two requests in flight");
        var startedBeforeRelease = Volatile.Read(ref started);
        release.SetResult();
        var results = await Task.WhenAll(sends);

        Assert.Equal(EdgeEnd.Answered, other.End); // another host is not held up by this one's queue
        Assert.Equal((2, 2, 6), (startedBeforeRelease, most, results.Sum(r => r.Attempts)));
    }

    public static TheoryData<string, string, string, int> Writes => new()
    {
        { "POST", "timeout", "OutcomeUnknown", 1 },
        { "PATCH", "timeout", "OutcomeUnknown", 1 },
        { "POST", "dropped after sending", "OutcomeUnknown", 1 },
        { "POST", "500", "OutcomeUnknown", 1 },
        { "POST", "502", "OutcomeUnknown", 1 },
        { "POST", "never connected", "Answered", 2 },
        { "POST", "408", "Answered", 2 },
        { "POST", "429", "Answered", 2 },
        { "PATCH", "503", "Answered", 2 },
        { "GET", "timeout", "Answered", 2 },
        { "DELETE", "500", "Answered", 2 },
        { "PUT", "dropped after sending", "Answered", 2 },
    };

    private static readonly Dictionary<string, Func<HttpResponseMessage>> Failures = new()
    {
        ["timeout"] = () => throw new TaskCanceledException("timed out"),
        ["dropped after sending"] = () => throw new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"),
        ["never connected"] = () => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"),
        ["408"] = () => Answer(408),
        ["429"] = () => Answer(429),
        ["500"] = () => Answer(500),
        ["502"] = () => Answer(502),
        ["503"] = () => Answer(503),
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_is_sent_again_only_when_the_failure_proves_the_API_did_not_act(string method, string failure, string end, int calls)
    {
        var first = Failures[failure];
        var sent = 0;
        using var http = new HttpClient(new Stub(_ => ++sent == 1 ? first() : new HttpResponseMessage(HttpStatusCode.Created))) { BaseAddress = new Uri("http://app.test/") };
        var edge = new EdgeSender(Policy, StatusRules.Instance, new FixedClock(Now), null, new HostLimits());

        var result = await edge.SendAsync(http, () => new HttpRequestMessage(new HttpMethod(method), "Users"), CancellationToken.None);
        result.Response?.Dispose();

        Assert.Equal((end, calls, calls), (result.End.ToString(), result.Attempts, sent));
    }

    [Fact]
    public async Task A_POST_marked_safe_to_repeat_is_sent_again_after_a_timeout()
    {
        var sent = 0;
        using var http = new HttpClient(new Stub(_ => ++sent == 1 ? throw new TaskCanceledException("timed out") : new HttpResponseMessage(HttpStatusCode.OK)));
        var edge = new EdgeSender(Policy, StatusRules.Instance, new FixedClock(Now), null, new HostLimits());

        var result = await edge.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "http://login.test/token");
            request.Options.Set(EdgeRequest.SafeToRepeat, true);
            return request;
        }, CancellationToken.None);
        result.Response?.Dispose();

        Assert.Equal((EdgeEnd.Answered, 2), (result.End, sent));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static HttpResponseMessage Answer(int status, Action<HttpResponseMessage>? shape = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("", Encoding.UTF8) };
        shape?.Invoke(response);
        return response;
    }

    /// <summary>A clock standing at one instant whose timers fire at once, so waits are counted, never slept.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.FromMilliseconds(1), period);
    }

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
