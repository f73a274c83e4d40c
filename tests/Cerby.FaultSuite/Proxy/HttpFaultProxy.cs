using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cerby.FaultSuite.Proxy;

/// <summary>
/// A small HTTP reverse proxy (Kestrel on 127.0.0.1, a free port) put between the operator and an app or IdP. Every
/// request is recorded, then <see cref="Decide"/> picks what happens: forward it, hold it, forward it and drop the
/// connection before the answer (a lost response), or answer in the app's place. The Host header is passed on, so
/// absolute links the upstream builds from it (Okta's and Graph's paging links) point back at the proxy.
/// </summary>
internal sealed class HttpFaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Uri _upstreamBase;
    private readonly Lock _lock = new();
    private readonly List<ProxiedRequest> _requests = [];
    private readonly List<ProxiedRequest> _forwarded = [];
    private int _faults;

    private HttpFaultProxy(WebApplication app, Uri upstreamBase)
    {
        _app = app;
        _upstreamBase = upstreamBase;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>http://127.0.0.1:port, the address to give the operator instead of the upstream's.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Picks the action for a request; forward when null. Called concurrently: keep it thread-safe.</summary>
    public Func<ProxiedRequest, ProxyAction>? Decide { get; set; }

    /// <summary>Requests so far, in arrival order.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// Requests that reached the app, in the order they were sent on: a request whose caller went away while the proxy
    /// held it (a kill -9) never reached the app, so sending it again after a restart is no duplicate.
    /// </summary>
    public IReadOnlyList<ProxiedRequest> Forwarded
    {
        get
        {
            lock (_lock)
            {
                return [.. _forwarded];
            }
        }
    }

    /// <summary>Requests held, dropped or answered in the app's place.</summary>
    public int FaultsInjected => Volatile.Read(ref _faults);

    /// <summary>The upstream's URL with the proxy's scheme, host and port (keeps a path such as /scim/v2).</summary>
    public string Rewrite(string upstreamUrl)
    {
        var original = new Uri(upstreamUrl);
        return new UriBuilder(original) { Host = Url.Host, Port = Url.Port }.Uri.ToString().TrimEnd('/');
    }

    public static async Task<HttpFaultProxy> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new HttpFaultProxy(app, new Uri(upstream.GetLeftPart(UriPartial.Authority)));
        app.Run(proxy.HandleAsync);
        await app.StartAsync(cancellationToken);
        proxy.Url = new Uri(app.Urls.First());
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var seen = new ProxiedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", System.Text.Encoding.UTF8.GetString(body), DateTimeOffset.UtcNow);
        lock (_lock)
        {
            _requests.Add(seen);
        }

        var action = Decide?.Invoke(seen) ?? ProxyAction.Forward;
        if (action.IsFault)
        {
            Interlocked.Increment(ref _faults);
        }

        if (action.Status is { } status)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(action.Body ?? "", context.RequestAborted);
            return;
        }

        if (action.Hold > TimeSpan.Zero)
        {
            await Task.Delay(action.Hold, context.RequestAborted);
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstreamBase, request.Path.Value + request.QueryString.Value));
        if (body.Length > 0 || request.ContentType is not null)
        {
            forward.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        context.RequestAborted.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _forwarded.Add(seen);
        }

        using var answer = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        var content = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (action.DropResponse)
        {
            context.Abort(); // the app has done the write; the caller sees the connection close with no answer
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }

        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content, context.RequestAborted);
    }
}
