using Cerby.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Cerby.Emulators.GoogleAds;

/// <summary>
/// A wire-level emulator of the Google Ads API user-access endpoints for one customer, on Kestrel at 127.0.0.1 (port 0
/// picks a free one). Tests drive it in-process: <see cref="Account"/> seeds, inspects and plays the invitee,
/// <see cref="Faults"/> injects failures, <see cref="Calls"/> counts requests.
/// </summary>
internal sealed class GoogleAdsEmulator : IAsyncDisposable
{
    /// <summary>The API version the base URL names; any v{N} is answered.</summary>
    public const string Version = "v25";

    private WebApplication? app;

    private GoogleAdsEmulator(GoogleAdsAccount account, string accessToken, string developerToken, string? loginCustomerId)
    {
        Account = account;
        AccessToken = accessToken;
        DeveloperToken = developerToken;
        LoginCustomerId = loginCustomerId;
    }

    public GoogleAdsAccount Account { get; }

    public GoogleAdsFaultPlan Faults { get; } = new();

    public GoogleAdsCallLog Calls { get; } = new();

    /// <summary>The only OAuth access token accepted.</summary>
    public string AccessToken { get; }

    /// <summary>The only developer token accepted.</summary>
    public string DeveloperToken { get; }

    /// <summary>When set (manager mode), every call must send this login-customer-id.</summary>
    public string? LoginCustomerId { get; }

    /// <summary>Rows per search page; the real API pages at 10,000 and lets no caller choose (reference section 7).</summary>
    public int PageSize { get; set; } = 10_000;

    /// <summary>The base URL a hub names, e.g. http://127.0.0.1:41234/v25.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public static async Task<GoogleAdsEmulator> StartAsync(string customerId = "1234567890", string accessToken = "emulated-oauth-access-token",
        string developerToken = "emulated-developer-token", string? loginCustomerId = null, int port = 0, TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        var emulator = new GoogleAdsEmulator(new GoogleAdsAccount(customerId, time ?? TimeProvider.System), accessToken, developerToken, loginCustomerId);
        var app = await LoopbackHost.StartAsync(port, new GoogleAdsHandler(emulator).HandleAsync, cancellationToken).ConfigureAwait(false);
        emulator.app = app;
        emulator.BaseUrl = new Uri($"{app.Urls.First().TrimEnd('/')}/{Version}");
        return emulator;
    }

    /// <summary>Runs until the host is stopped (standalone mode).</summary>
    public Task WaitForShutdownAsync() => app!.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Requests received, by method name (e.g. customerUserAccesses:mutate), faulted ones included.</summary>
internal sealed class GoogleAdsCallLog
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> calls = new();

    public void Record(string httpMethod, string method) => calls.Enqueue(httpMethod == "POST" ? method : $"{httpMethod} {method}");

    /// <summary>Calls to a method whose name contains <paramref name="fragment"/>.</summary>
    public int Count(string fragment) => calls.Count(c => c.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Mutate calls (writes).</summary>
    public int Writes => Count(":mutate");

    /// <summary>Search calls (reads).</summary>
    public int Reads => Count(":search");

    public void Clear() => calls.Clear();
}
