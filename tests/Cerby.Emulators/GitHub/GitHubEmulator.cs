using Cerby.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Cerby.Emulators.GitHub;

/// <summary>
/// A wire-level emulator of GitHub's organization REST endpoints on Kestrel at 127.0.0.1 (port 0 picks a free one).
/// Tests drive it in-process: <see cref="Org"/> seeds, inspects and plays invitees, <see cref="Faults"/> injects
/// failures, <see cref="Calls"/> counts requests.
/// </summary>
internal sealed class GitHubEmulator : IAsyncDisposable
{
    private readonly WebApplication app;

    private GitHubEmulator(WebApplication app, GitHubOrg org, GitHubFaults faults, GitHubCalls calls, string token, Uri baseUrl)
    {
        this.app = app;
        Org = org;
        Faults = faults;
        Calls = calls;
        Token = token;
        BaseUrl = baseUrl;
    }

    public GitHubOrg Org { get; }

    public GitHubFaults Faults { get; }

    public GitHubCalls Calls { get; }

    /// <summary>The only token accepted.</summary>
    public string Token { get; }

    /// <summary>The base URL a hub names, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; }

    public static async Task<GitHubEmulator> StartAsync(string organization = "acme", string token = "ghs_emulatedInstallationToken", int port = 0,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var clock = time ?? TimeProvider.System;
        var org = new GitHubOrg(organization, clock);
        var faults = new GitHubFaults();
        var calls = new GitHubCalls();
        var app = await LoopbackHost.StartAsync(port, new GitHubHandler(org, faults, calls, token, clock).HandleAsync, cancellationToken).ConfigureAwait(false);
        return new GitHubEmulator(app, org, faults, calls, token, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
