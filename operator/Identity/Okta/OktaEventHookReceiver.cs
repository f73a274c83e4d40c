using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// The operator's end of an Okta Event Hook. <c>GET</c> with <c>X-Okta-Verification-Challenge</c> is the one-time
/// verification, answered <c>{"verification": challenge}</c>; <c>POST</c> delivers <c>{"data": {"events": [LogEvent…]}}</c>,
/// which is queued on <see cref="Events"/> and acknowledged at once (Okta waits 3 s and retries once, so delivery is
/// at-least-once: <see cref="OktaChangeFeed.ApplyAsync"/> drops repeats by uuid). Every request must carry the
/// Authorization value configured on the hook, compared in constant time.
/// Every replica serves the hook; only the leader's <see cref="OktaIdentitySource"/> consumes it (<see cref="Attach"/>).
/// A replica with no consumer (a standby) answers 200 and drops the delivery: the leader polls the System Log, which
/// holds every event a hook delivers, so nothing is lost; the hook only makes the leader see it sooner. Storing hook
/// events for the leader would add a durable write inside Okta's 3 s timeout for no gain in correctness.
/// </summary>
internal sealed class OktaEventHookReceiver(string authorization, int maxBodyBytes = 1 << 20, int capacity = 10_000, ILogger? logger = null, string idpKey = "")
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(authorization);
    private readonly Channel<OktaLogEvent> _events = Channel.CreateBounded<OktaLogEvent>(capacity);

    private int _consumers;

    public ChannelReader<OktaLogEvent> Events => _events.Reader;

    /// <summary>Whether a delivery is queued (a consumer is attached) or only acknowledged.</summary>
    public bool HasConsumer => Volatile.Read(ref _consumers) > 0;

    /// <summary>A consumer starts reading <see cref="Events"/>; dispose the result when it stops.</summary>
    public IDisposable Attach()
    {
        Interlocked.Increment(ref _consumers);
        return new Detacher(this);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Authorized(request.Headers.Authorization.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (HttpMethods.IsGet(request.Method) && request.Headers["X-Okta-Verification-Challenge"].ToString() is { Length: > 0 } challenge)
        {
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["verification"] = challenge }, context.RequestAborted);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        List<OktaLogEvent>? events;
        string? refused;
        using (var body = await BoundedJsonBody.ReadAsync(context, maxBodyBytes))
        {
            if (body.Problem == BodyProblem.TooLarge)
            {
                Refuse(context, StatusCodes.Status413PayloadTooLarge, $"the delivery is larger than {maxBodyBytes} bytes");
                return;
            }

            (events, refused) = body.Problem switch
            {
                BodyProblem.Empty => (null, "the delivery has no body"),
                BodyProblem.InvalidUtf8 => (null, "the delivery is not valid UTF-8"),
                _ => OktaEventHookDelivery.Events(body.Span),
            };
        }

        if (events is null)
        {
            Refuse(context, StatusCodes.Status400BadRequest, refused!);
            return;
        }

        if (!HasConsumer)
        {
            context.Response.StatusCode = StatusCodes.Status200OK; // a standby: the leader's System Log poll has these events
            return;
        }

        foreach (var logEvent in events)
        {
            if (!_events.Writer.TryWrite(logEvent))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; // full: Okta retries, System Log polling covers the rest
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private void Refuse(HttpContext context, int status, string why)
    {
        context.Response.StatusCode = status;
        if (logger is not null)
        {
            logger.DeliveryRefused(idpKey, status, why);
        }
    }

    private sealed class Detacher(OktaEventHookReceiver receiver) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref receiver._consumers);
            }
        }
    }

    private bool Authorized(string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(_expected));
}

