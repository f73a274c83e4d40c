using System.Runtime.ExceptionServices;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Cerby.Operator.HttpEdge;

/// <summary>
/// Sends one logical request through a Polly v8 <see cref="ResiliencePipeline{T}"/> built from
/// Microsoft.Extensions.Http.Resilience's HTTP strategy options: a total timeout, retries (the wait the
/// API asked for through its <see cref="IApiRules"/>, else exponential backoff with jitter, capped), the API's pacing
/// and a per-host <see cref="ConcurrencyLimiter"/> around each attempt, and a per-attempt timeout. Waits run on the
/// given <see cref="TimeProvider"/>; the two timeouts on the system clock (they guard real sockets, and a test's fake
/// clock must neither fire nor freeze them). A write (POST, PATCH) is sent again only after a failure that proves the
/// API did not act (<see cref="EdgeFailure.NotProcessed"/>); otherwise it ends at once as <see cref="EdgeEnd.OutcomeUnknown"/>.
/// A throttle is also told to the <see cref="ThrottleScope"/> of the caller (one app's parallel writes), whose pause
/// holds back each attempt.
/// </summary>
internal sealed class EdgeSender
{
    private static readonly ResiliencePropertyKey<Call> CallKey = new("cerby.edge.call");
    private readonly EdgePolicy policy;
    private readonly IApiRules rules;
    private readonly TimeProvider time;
    private readonly HostLimits hosts;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    /// <param name="onRetry">Told before each wait (for logs).</param>
    /// <param name="hosts">The per-host limiters; <see cref="HostLimits.Shared"/> when null.</param>
    public EdgeSender(EdgePolicy policy, IApiRules rules, TimeProvider time, Action<EdgeRetry>? onRetry = null, HostLimits? hosts = null)
    {
        this.policy = policy;
        this.rules = rules;
        this.time = time;
        this.hosts = hosts ?? HostLimits.Shared;
        var attemptTimeout = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider.System }.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = policy.Attempt }).Build();
        var retries = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (policy.MaxAttempts > 1)
        {
            retries.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = policy.Jitter,
                Delay = policy.BaseDelay,
                MaxDelay = policy.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(CallOf(args.Context).Retry),
                DelayGenerator = args => ValueTask.FromResult(CallOf(args.Context).Wait),
                OnRetry = args =>
                {
                    var call = CallOf(args.Context);
                    onRetry?.Invoke(new EdgeRetry(call.Target, call.Failure!, args.RetryDelay, args.AttemptNumber + 1));
                    return default;
                },
            });
        }

        retries.AddRateLimiter(new HttpRateLimiterStrategyOptions { RateLimiter = AcquireAsync });
        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider.System }
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = policy.Total })
            .AddPipeline(retries.AddPipeline(attemptTimeout).Build())
            .Build();
    }

    /// <summary>
    /// Sends a fresh request from <paramref name="build"/> per attempt through <paramref name="http"/> (relative URIs
    /// resolve against its BaseAddress). <paramref name="readOnly"/> marks a POST that only reads (a query API): it is
    /// repeated like a GET; so is a request carrying <see cref="EdgeRequest.SafeToRepeat"/>.
    /// </summary>
    public Task<EdgeResult> SendAsync(HttpClient http, Func<HttpRequestMessage> build, CancellationToken cancellationToken, bool readOnly = false)
    {
        using var first = build();
        var target = first.RequestUri is { IsAbsoluteUri: true } absolute ? absolute
            : http.BaseAddress is { } baseAddress ? new Uri(baseAddress, first.RequestUri!) : first.RequestUri!;
        return SendAsync(target, readOnly || EdgeRequest.Repeatable(first), async ct =>
        {
            using var request = build();
            return await http.SendAsync(request, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="attempt"/> (one send to <paramref name="target"/>) under the pipeline.</summary>
    public async Task<EdgeResult> SendAsync(Uri target, bool repeatable, Func<CancellationToken, Task<HttpResponseMessage>> attempt, CancellationToken cancellationToken)
    {
        var call = new Call(target, repeatable, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static (ctx, state) => state.Self.AttemptAsync(ctx, state.Call, state.Attempt), context, (Self: this, Call: call, Attempt: attempt)).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                outcome.Result?.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (outcome.Result is { } response)
            {
                return new EdgeResult(response, call.Failure, call.Failure is null ? EdgeEnd.Answered : call.End, call.Attempts);
            }

            var error = outcome.Exception!;
            if (call.Failure is null && error is not (TimeoutRejectedException or RateLimiterRejectedException))
            {
                ExceptionDispatchInfo.Throw(error); // not a transport failure (e.g. a credential handler refusing): the caller's to see as it is
            }

            var failure = call.Failure ?? new EdgeFailure(EdgeFailureKind.Unavailable, error is RateLimiterRejectedException
                ? $"too many requests queued for {target.Host}" : $"no answer within {policy.Total.TotalSeconds:0.###}s in all", null, null)
            {
                TimedOut = error is not RateLimiterRejectedException,
                Error = error,
            };
            return new EdgeResult(null, failure, call.Failure is null ? EdgeEnd.Exhausted : call.End, call.Attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static Call CallOf(ResilienceContext context) => context.Properties.GetValue(CallKey, null!);

    private async ValueTask<RateLimitLease> AcquireAsync(RateLimiterArguments args)
    {
        var call = CallOf(args.Context);
        var pause = rules.PauseBefore(call.Target, time.GetUtcNow());
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, time, args.Context.CancellationToken).ConfigureAwait(false);
        }

        if (ThrottleScope.Current is { } group)
        {
            await group.WaitOutPauseAsync(args.Context.CancellationToken).ConfigureAwait(false);
        }

        return await hosts.For(call.Target, policy.MaxConcurrentPerHost).AcquireAsync(1, args.Context.CancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(ResilienceContext context, Call call, Func<CancellationToken, Task<HttpResponseMessage>> attempt)
    {
        call.Attempts++;
        call.Failure = null;
        call.Retry = false;
        call.Wait = null;
        HttpResponseMessage response;
        try
        {
            response = await attempt(context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !call.CallerToken.IsCancellationRequested))
        {
            var timedOut = e is OperationCanceledException;
            Decide(call, new EdgeFailure(EdgeFailureKind.Unavailable,
                timedOut ? $"no answer within {policy.Attempt.TotalSeconds:0.###}s" : $"the server could not be reached ({((HttpRequestException)e).HttpRequestError})", null, null)
            {
                TimedOut = timedOut,
                Error = e,
                NotProcessed = e is HttpRequestException sent && WriteSafety.NeverSent(sent),
            });
            return Outcome.FromException<HttpResponseMessage>(e);
        }

        var now = time.GetUtcNow();
        rules.Observe(call.Target, response, now);
        EdgeFailure? failure;
        try
        {
            failure = await rules.ClassifyAsync(response, now, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !call.CallerToken.IsCancellationRequested))
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            Decide(call, new EdgeFailure(EdgeFailureKind.Unavailable, $"the {status} answer broke off", null, status) { Error = e, NotProcessed = false });
            return Outcome.FromException<HttpResponseMessage>(e);
        }

        if (failure is not null)
        {
            if (failure.Kind == EdgeFailureKind.Throttled)
            {
                ThrottleScope.Current?.Throttled(failure.Wait);
            }

            Decide(call, failure);
        }

        return Outcome.FromResult(response);
    }

    private void Decide(Call call, EdgeFailure failure)
    {
        call.Failure = failure;
        call.Retry = false;
        call.Wait = null;
        if (!call.Repeatable && !failure.NotProcessed)
        {
            call.End = EdgeEnd.OutcomeUnknown;
        }
        else if (failure.Wait > policy.MaxDelay && policy.LongWait == LongWait.GiveUp)
        {
            call.End = EdgeEnd.WaitTooLong;
        }
        else
        {
            call.End = EdgeEnd.Exhausted;
            call.Retry = true;
            call.Wait = failure.Wait > policy.MaxDelay ? policy.MaxDelay : failure.Wait;
        }
    }

    /// <summary>One logical request's state across its attempts.</summary>
    private sealed class Call(Uri target, bool repeatable, CancellationToken callerToken)
    {
        public Uri Target { get; } = target;

        public bool Repeatable { get; } = repeatable;

        public CancellationToken CallerToken { get; } = callerToken;

        public int Attempts { get; set; }

        public EdgeFailure? Failure { get; set; }

        public bool Retry { get; set; }

        public TimeSpan? Wait { get; set; }

        public EdgeEnd End { get; set; }
    }
}
