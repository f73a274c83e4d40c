namespace Cerby.FaultSuite.Proxy;

/// <summary>What the proxy does with one request.</summary>
/// <param name="Hold">Forwarded after this delay (the only fixed wait in the suite: it is the fault).</param>
/// <param name="DropResponse">Forwarded, then the client's connection is aborted: the app did the write, the caller never hears.</param>
/// <param name="Status">Not forwarded: answered with this status and <paramref name="Body"/> (an app echoing what it should not).</param>
internal sealed record ProxyAction(TimeSpan Hold = default, bool DropResponse = false, int? Status = null, string? Body = null)
{
    public static ProxyAction Forward { get; } = new();

    public static ProxyAction Drop { get; } = new(DropResponse: true);

    public static ProxyAction HoldFor(TimeSpan hold) => new(Hold: hold);

    public static ProxyAction Answer(int status, string body) => new(Status: status, Body: body);

    public bool IsFault => DropResponse || Status is not null || Hold > TimeSpan.Zero;
}

/// <summary>A request the proxy saw: method, path with query, and the body as text (headers are not kept: they hold credentials).</summary>
internal sealed record ProxiedRequest(string Method, string Path, string Query, string Body, DateTimeOffset At);
