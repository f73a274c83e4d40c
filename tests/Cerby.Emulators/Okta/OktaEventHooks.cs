using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;

namespace Cerby.Emulators.Okta;

/// <summary>
/// Okta Event Hooks: a hook is verified once (GET with <c>X-Okta-Verification-Challenge</c>, the answer must echo it as
/// <c>{"verification": …}</c>), then every System Log event is POSTed to it, in order, as
/// <c>{"eventType": "com.okta.event_hook", …, "data": {"events": [LogEvent]}}</c> with the hook's Authorization value.
/// <see cref="DeliverTwice"/> sends each delivery again (Okta's at-least-once retry).
/// </summary>
internal sealed class OktaEventHooks : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly Channel<OktaLogEntry> _pending = Channel.CreateUnbounded<OktaLogEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<(Uri Url, string Authorization)> _hooks = [];
    private readonly Task _delivering;

    public OktaEventHooks(string org) => _delivering = DeliverAsync(org, _stop.Token);

    public bool DeliverTwice { get; set; }

    /// <summary>Deliveries the receiver did not acknowledge with a 2xx.</summary>
    public int FailedDeliveries { get; private set; }

    /// <summary>Verifies the hook and, when the challenge comes back, starts delivering to it; false when verification fails.</summary>
    public async Task<bool> RegisterAsync(Uri url, string authorization, CancellationToken cancellationToken = default)
    {
        var challenge = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Add("X-Okta-Verification-Challenge", challenge);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!body.RootElement.TryGetProperty("verification", out var echoed) || echoed.GetString() != challenge)
        {
            return false;
        }

        lock (_lock)
        {
            _hooks.Add((url, authorization));
        }

        return true;
    }

    /// <summary>Queues an event for every verified hook (called as the System Log grows).</summary>
    public void Publish(OktaLogEntry entry) => _pending.Writer.TryWrite(entry);

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _stop.CancelAsync();
        await _delivering.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task DeliverAsync(string org, CancellationToken cancellationToken)
    {
        await foreach (var entry in _pending.Reader.ReadAllAsync(cancellationToken))
        {
            (Uri Url, string Authorization)[] hooks;
            lock (_lock)
            {
                hooks = [.. _hooks];
            }

            var delivery = new
            {
                eventType = "com.okta.event_hook",
                eventTypeVersion = "1.0",
                cloudEventsVersion = "0.1",
                source = $"{org}/api/v1/eventHooks/who0emulated00000000",
                eventId = Guid.NewGuid().ToString(),
                eventTime = OktaResources.Time(entry.Published),
                contentType = "application/json",
                data = new { events = new[] { OktaResources.LogEvent(entry) } },
            };
            foreach (var (url, authorization) in hooks)
            {
                for (var copy = 0; copy < (DeliverTwice ? 2 : 1); copy++)
                {
                    await PostAsync(url, authorization, delivery, cancellationToken);
                }
            }
        }
    }

    private async Task PostAsync(Uri url, string authorization, object delivery, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(delivery, options: OktaResources.Json) };
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                FailedDeliveries++;
            }
        }
        catch (HttpRequestException)
        {
            FailedDeliveries++;
        }
    }
}
