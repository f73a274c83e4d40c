using Cerby.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Cerby.Emulators.TikTok;

/// <summary>
/// A wire-level emulator of the TikTok API for Business v1.3 Business Center endpoints on Kestrel at 127.0.0.1 (port 0
/// picks a free one). Tests drive it in-process: <see cref="BusinessCenter"/> seeds, inspects and plays the invitee,
/// <see cref="Faults"/> injects failures, <see cref="Calls"/> counts requests.
/// </summary>
internal sealed class TikTokEmulator : IAsyncDisposable
{
    private readonly WebApplication app;

    private TikTokEmulator(WebApplication app, TikTokBusinessCenter bc, TikTokFaults faults, TikTokCallLog calls, string token, Uri baseUrl)
    {
        this.app = app;
        BusinessCenter = bc;
        Faults = faults;
        Calls = calls;
        AccessToken = token;
        BaseUrl = baseUrl;
    }

    public TikTokBusinessCenter BusinessCenter { get; }

    public TikTokFaults Faults { get; }

    public TikTokCallLog Calls { get; }

    /// <summary>The only token the emulator accepts.</summary>
    public string AccessToken { get; }

    /// <summary>The base URL a hub names, e.g. http://127.0.0.1:41234/open_api/v1.3.</summary>
    public Uri BaseUrl { get; }

    public static async Task<TikTokEmulator> StartAsync(string bcId = "7012345678901234567", string accessToken = "act.emulated-tiktok-token", int port = 0, CancellationToken cancellationToken = default)
    {
        var bc = new TikTokBusinessCenter(bcId);
        var faults = new TikTokFaults();
        var calls = new TikTokCallLog();
        var app = await LoopbackHost.StartAsync(port, new TikTokHandler(bc, faults, calls, accessToken).HandleAsync, cancellationToken).ConfigureAwait(false);
        return new TikTokEmulator(app, bc, faults, calls, accessToken, new Uri($"{app.Urls.First().TrimEnd('/')}{TikTokHandler.Prefix.TrimEnd('/')}"));
    }

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
