using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cerby.Emulators.Hosting;

/// <summary>Starts one request handler on Kestrel at 127.0.0.1 (port 0 picks a free one), quietly: every emulator's host.</summary>
internal static class LoopbackHost
{
    /// <summary>The started app; <c>app.Urls.First()</c> is its bound address, with port 0 resolved.</summary>
    public static async Task<WebApplication> StartAsync(int port, RequestDelegate handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }
}
