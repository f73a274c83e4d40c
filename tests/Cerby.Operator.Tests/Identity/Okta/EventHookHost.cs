using System.Net;
using Cerby.Operator.Identity.Okta;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>The operator's Event Hook receiver on Kestrel at 127.0.0.1, as the runtime will serve it.</summary>
internal sealed class EventHookHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EventHookHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<EventHookHost> StartAsync(OktaEventHookReceiver receiver)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        return new EventHookHost(app, new Uri(app.Urls.First().TrimEnd('/') + "/okta/event-hook"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
