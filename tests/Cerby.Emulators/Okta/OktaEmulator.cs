using System.Security.Cryptography;
using Cerby.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Cerby.Emulators.Okta;

/// <summary>
/// A wire-level emulator of the Okta Management API read side (users, groups, members, app assignments, System Log)
/// and the org token endpoint, on Kestrel at 127.0.0.1 (port 0 picks a free one). Tests drive it in-process:
/// <see cref="Org"/> changes the directory (each change is logged to the System Log), <see cref="Faults"/> injects
/// 429s, 5xx, slowness, paging loops and redelivered log events, <see cref="RateLimits"/> sets the per-minute limit,
/// <see cref="EventHooks"/> pushes events to verified receivers.
/// </summary>
internal sealed class OktaEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OktaAccessTokens _tokens;
    private readonly OktaApiHandler _handler;

    private OktaEmulator(WebApplication app, OktaOrg org, OktaFaults faults, OktaRateLimiter limits, OktaAccessTokens tokens, string apiToken, Uri orgUrl, OktaApiHandler handler)
    {
        _app = app;
        _handler = handler;
        OrgUrl = orgUrl;
        EventHooks = new OktaEventHooks(orgUrl.ToString().TrimEnd('/'));
        org.Appended = EventHooks.Publish;
        _tokens = tokens;
        Org = org;
        Faults = faults;
        RateLimits = limits;
        ApiToken = apiToken;
    }

    public OktaOrg Org { get; }

    /// <summary>Every request so far as "METHOD /path?query", in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _handler.Requests];

    public OktaFaults Faults { get; }

    public OktaRateLimiter RateLimits { get; }

    /// <summary>Event Hooks: verified receivers get every System Log event pushed to them.</summary>
    public OktaEventHooks EventHooks { get; }

    /// <summary>The only SSWS token the emulator accepts.</summary>
    public string ApiToken { get; }

    /// <summary>Access tokens issued so far by the token endpoint.</summary>
    public int AccessTokensIssued => _tokens.IssuedCount;

    /// <summary>The org URL, e.g. http://127.0.0.1:41234.</summary>
    public Uri OrgUrl { get; }

    public static async Task<OktaEmulator> StartAsync(string apiToken = "emulated-okta-api-token", int port = 0, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var org = new OktaOrg(time);
        var faults = new OktaFaults();
        var limits = new OktaRateLimiter(time);
        var tokens = new OktaAccessTokens(time);
        var handler = new OktaApiHandler(org, faults, limits, tokens, apiToken);
        var app = await LoopbackHost.StartAsync(port, handler.HandleAsync, cancellationToken).ConfigureAwait(false);
        return new OktaEmulator(app, org, faults, limits, tokens, apiToken, new Uri(app.Urls.First().TrimEnd('/')), handler);
    }

    /// <summary>Lets a service app get access tokens with assertions signed by the private half of <paramref name="publicKey"/>.</summary>
    public void RegisterServiceApp(string clientId, RSA publicKey) => _tokens.RegisterServiceApp(clientId, publicKey);

    /// <summary>Runs until the host is stopped (Ctrl+C in standalone mode).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await EventHooks.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
