using Cerby.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Cerby.Emulators.Graph;

/// <summary>
/// A wire-level emulator of Microsoft Graph v1.0 (the directory reads and delta queries the Entra ID source uses) and of
/// the Microsoft identity platform token endpoint for one app registration, on Kestrel at 127.0.0.1 (port 0 picks a
/// free one). Tests drive it in-process: <see cref="Tenant"/> changes the directory, <see cref="Faults"/> injects 429
/// storms, 5xx, slowness, 401/403 and paging loops, <see cref="Delta"/> sets page sizes and expires delta tokens, <see cref="RateLimits"/> announces a budget.
/// </summary>
internal sealed class GraphEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GraphAccessTokens _tokens;
    private readonly GraphApiHandler _handler;

    private GraphEmulator(WebApplication app, GraphTenant tenant, GraphFaults faults, GraphAccessTokens tokens, GraphDeltaEndpoint delta, GraphRateLimits limits, GraphApiHandler handler,
        string tenantId, string clientId, string clientSecret, Uri root)
    {
        _app = app;
        _tokens = tokens;
        _handler = handler;
        Tenant = tenant;
        Faults = faults;
        Delta = delta;
        RateLimits = limits;
        TenantId = tenantId;
        ClientId = clientId;
        ClientSecret = clientSecret;
        AuthorityHost = root;
        GraphBaseUrl = new Uri(root, "v1.0");
    }

    public GraphTenant Tenant { get; }

    public GraphFaults Faults { get; }

    public GraphDeltaEndpoint Delta { get; }

    /// <summary>The budget the tenant announces in RateLimit-* headers (none unless a test sets a limit).</summary>
    public GraphRateLimits RateLimits { get; }

    public string TenantId { get; }

    /// <summary>The only app registration the token endpoint knows.</summary>
    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The token endpoint's host, e.g. http://127.0.0.1:41234 (tokens at /{tenant}/oauth2/v2.0/token).</summary>
    public Uri AuthorityHost { get; }

    /// <summary>The Graph root, e.g. http://127.0.0.1:41234/v1.0.</summary>
    public Uri GraphBaseUrl { get; }

    public int AccessTokensIssued => _tokens.IssuedCount;

    /// <summary>Every access token issued so far, for tests that make sure none is logged.</summary>
    public IReadOnlyList<string> IssuedAccessTokens => _tokens.Issued;

    /// <summary>Every request served so far, as "METHOD /path?query".</summary>
    public IReadOnlyList<string> Requests => [.. _handler.Requests];

    public static async Task<GraphEmulator> StartAsync(string? tenantId = null, string clientId = "11111111-2222-3333-4444-555555555555",
        string clientSecret = "emulated~graph~client~secret", int port = 0, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        tenantId ??= Guid.NewGuid().ToString();
        var tenant = new GraphTenant(time);
        var faults = new GraphFaults();
        var tokens = new GraphAccessTokens(time, tenantId, clientId, clientSecret);
        var delta = new GraphDeltaEndpoint(tenant);
        var limits = new GraphRateLimits(time);
        var handler = new GraphApiHandler(tenant, faults, tokens, delta, limits);
        var app = await LoopbackHost.StartAsync(port, handler.HandleAsync, cancellationToken).ConfigureAwait(false);
        var root = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return new GraphEmulator(app, tenant, faults, tokens, delta, limits, handler, tenantId, clientId, clientSecret, root);
    }

    /// <summary>Every access token issued so far stops working.</summary>
    public void RevokeAccessTokens() => _tokens.RevokeAll();

    /// <summary>Runs until the host is stopped (Ctrl+C in standalone mode).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
