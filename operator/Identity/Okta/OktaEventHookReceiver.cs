using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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
internal sealed class OktaEventHookReceiver(string authorization, int maxBodyBytes = 1 << 20, int capacity = 10_000)
{
    /// <summary>How much of a too-large body is read to answer 413 cleanly.</summary>
    private const long MaxDrainBytes = 16 << 20;

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

        if (request.ContentLength > maxBodyBytes)
        {
            await RefuseTooLargeAsync(context, request.ContentLength.Value);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes; // a chunked body without a length stops at the limit
        }

        OktaEventHookDelivery? delivery;
        try
        {
            delivery = await JsonSerializer.DeserializeAsync<OktaEventHookDelivery>(request.Body, OktaJson.Options, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        catch (JsonException)
        {
            delivery = null;
        }

        if (delivery?.Data?.Events is not { } events)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
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

    /// <summary>
    /// Answers 413 to a body declared too large, after reading and discarding it (up to <see cref="MaxDrainBytes"/>):
    /// the sender is still sending it, and a connection closed under it makes the sender see a broken pipe or a reset
    /// instead of the 413 (Okta would retry the delivery as if the operator were down). Beyond that bound the
    /// connection is closed rather than spend more reading.
    /// </summary>
    private static async Task RefuseTooLargeAsync(HttpContext context, long declared)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        if (declared > MaxDrainBytes)
        {
            context.Response.Headers.Connection = "close";
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = declared;
        }

        try
        {
            var buffer = new byte[64 * 1024];
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
            {
                // discard
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // The sender gave up or lied about the length: nothing more to say to it.
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

/// <summary>An Event Hook delivery: <c>{"eventType": "com.okta.event_hook", "eventId", "eventTime", "data": {"events": [LogEvent…]}}</c>.</summary>
internal sealed record OktaEventHookDelivery(string? EventType, string? EventId, OktaEventHookData? Data);

internal sealed record OktaEventHookData(IReadOnlyList<OktaLogEvent>? Events);
