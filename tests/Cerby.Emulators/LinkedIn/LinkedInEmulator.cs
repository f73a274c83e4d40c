using Cerby.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Cerby.Emulators.LinkedIn;

/// <summary>
/// A wire-level emulator of LinkedIn's versioned Marketing API (<c>/rest/adAccountUsers</c>) for one ad account, on
/// Kestrel at 127.0.0.1 (port 0 picks a free one). Tests seed and inspect through <see cref="Account"/>, inject faults
/// through <see cref="Faults"/>, set a daily limit through <see cref="Quota"/>, count calls through <see cref="Calls"/>.
/// </summary>
internal sealed class LinkedInEmulator : IAsyncDisposable
{
    private readonly WebApplication app;

    private LinkedInEmulator(WebApplication app, LinkedInAdAccount account, LinkedInFaults faults, LinkedInDailyQuota quota, LinkedInRestHandler calls, string accessToken, Uri baseUrl)
    {
        this.app = app;
        (Account, Faults, Quota, Calls, AccessToken, BaseUrl) = (account, faults, quota, calls, accessToken, baseUrl);
    }

    public LinkedInAdAccount Account { get; }

    public LinkedInFaults Faults { get; }

    public LinkedInDailyQuota Quota { get; }

    /// <summary>Read and write counts.</summary>
    public LinkedInRestHandler Calls { get; }

    /// <summary>The only member access token accepted.</summary>
    public string AccessToken { get; }

    /// <summary>The base URL a hub names, e.g. http://127.0.0.1:41234/rest.</summary>
    public Uri BaseUrl { get; }

    public static async Task<LinkedInEmulator> StartAsync(string adAccountId = "516986977", string accessToken = "emulated-linkedin-member-token", int port = 0,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var clock = time ?? TimeProvider.System;
        var account = new LinkedInAdAccount(adAccountId, clock);
        var faults = new LinkedInFaults();
        var quota = new LinkedInDailyQuota(clock);
        var handler = new LinkedInRestHandler(account, faults, quota, accessToken);
        var app = await LoopbackHost.StartAsync(port, handler.HandleAsync, cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        return new LinkedInEmulator(app, account, faults, quota, handler, accessToken, new Uri($"{address.TrimEnd('/')}/rest"));
    }

    /// <summary>Empties the account and clears faults, quota and counts.</summary>
    public void Reset()
    {
        Account.Clear();
        Faults.Clear();
        Quota.Clear();
        Calls.ClearCounts();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
