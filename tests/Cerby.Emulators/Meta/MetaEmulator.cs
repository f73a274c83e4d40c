using Cerby.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Cerby.Emulators.Meta;

/// <summary>
/// A wire-level emulator of the Graph API business endpoints on Kestrel at 127.0.0.1 (port 0 picks a free one).
/// Tests drive it in-process: <see cref="Business"/> seeds, inspects and plays the invitee, <see cref="Faults"/> injects
/// failures, <see cref="Calls"/> counts requests by method and path.
/// </summary>
internal sealed class MetaEmulator : IAsyncDisposable
{
    /// <summary>The Graph version the base URL names; any <c>v{N}.{M}</c> is answered.</summary>
    public const string Version = "v21.0";

    private readonly WebApplication app;

    private MetaEmulator(WebApplication app, MetaBusiness business, MetaFaultPlan faults, MetaCallLog calls, MetaWriteLimit writes, string accessToken, Uri baseUrl)
    {
        this.app = app;
        Writes = writes;
        Business = business;
        Faults = faults;
        Calls = calls;
        AccessToken = accessToken;
        BaseUrl = baseUrl;
    }

    /// <summary>The business and its people and assets.</summary>
    public MetaBusiness Business { get; }

    /// <summary>Faults waiting for the next requests.</summary>
    public MetaFaultPlan Faults { get; }

    /// <summary>Throttling of parallel writes (off unless a test sets its limit).</summary>
    public MetaWriteLimit Writes { get; }

    /// <summary>Requests received.</summary>
    public MetaCallLog Calls { get; }

    /// <summary>The only access token the emulator accepts.</summary>
    public string AccessToken { get; }

    /// <summary>The base URL a hub names, e.g. http://127.0.0.1:41234/v21.0.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts an emulator for business <paramref name="businessId"/> accepting <paramref name="accessToken"/>.</summary>
    public static async Task<MetaEmulator> StartAsync(string businessId = "1234567890", string accessToken = "emulated-system-user-token", int port = 0,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var business = new MetaBusiness(businessId, time ?? TimeProvider.System);
        var faults = new MetaFaultPlan();
        var calls = new MetaCallLog();
        var writes = new MetaWriteLimit();
        var app = await LoopbackHost.StartAsync(port, new MetaGraphHandler(business, faults, calls, accessToken, writes).HandleAsync, cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First(); // the bound address, port 0 resolved
        return new MetaEmulator(app, business, faults, calls, writes, accessToken, new Uri($"{address.TrimEnd('/')}/{Version}"));
    }

    /// <summary>Runs until the host is stopped (Ctrl+C or SIGTERM in standalone mode).</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
