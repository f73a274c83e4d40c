using Cerby.Emulators.Hosting;
using Cerby.Emulators.Meta;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cerby.Operator.Bench.Scale;

/// <summary>
/// Many Meta businesses behind one loopback listener: business <c>i</c> answers under <c>/b{i}/v21.0/…</c> with the
/// Meta emulator's own request handler, business state and call log, so each hub has an app of its own without a
/// listener per hub.
/// </summary>
internal sealed class MetaFleet : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _address;

    private MetaFleet(WebApplication app, string address, IReadOnlyList<(MetaBusiness Business, MetaCallLog Calls)> businesses) =>
        (_app, _address, Businesses) = (app, address, businesses);

    public IReadOnlyList<(MetaBusiness Business, MetaCallLog Calls)> Businesses { get; }

    public static async Task<MetaFleet> StartAsync(int count, string accessToken, CancellationToken cancellationToken)
    {
        var businesses = new List<(MetaBusiness, MetaCallLog)>();
        var handlers = new List<MetaGraphHandler>();
        for (var i = 0; i < count; i++)
        {
            var business = new MetaBusiness($"9{i:D6}", TimeProvider.System);
            var calls = new MetaCallLog();
            businesses.Add((business, calls));
            handlers.Add(new MetaGraphHandler(business, new MetaFaultPlan(), calls, accessToken));
        }

        var app = await LoopbackHost.StartAsync(0, context => Route(context, handlers), cancellationToken);
        return new MetaFleet(app, app.Urls.First().TrimEnd('/'), businesses);
    }

    public Uri BaseUrl(int business) => new($"{_address}/b{business}/{MetaEmulator.Version}");

    public long Reads => Businesses.Sum(b => (long)b.Calls.Reads);

    public long Writes => Businesses.Sum(b => (long)b.Calls.Writes);

    /// <summary>Business users plus pending invitations of business <paramref name="business"/>.</summary>
    public int Members(int business) => Businesses[business].Business.Users.Count + Businesses[business].Business.Invites.Count;

    public bool Has(int business, string email) =>
        Businesses[business].Business.UserByEmail(email) is not null || Businesses[business].Business.InviteByEmail(email) is not null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task Route(HttpContext context, List<MetaGraphHandler> handlers)
    {
        var path = context.Request.Path.Value ?? "";
        var slash = path.IndexOf('/', 1);
        if (path.StartsWith("/b", StringComparison.Ordinal) && slash > 2 && int.TryParse(path.AsSpan(2, slash - 2), out var index) && index < handlers.Count)
        {
            context.Request.Path = path[slash..];
            return handlers[index].HandleAsync(context);
        }

        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}
