namespace Cerby.Emulators.TikTok;

/// <summary>Requests the emulator received, by method and route (e.g. POST bc/member/invite/), faulted ones included.</summary>
internal sealed class TikTokCallLog
{
    private readonly Lock gate = new();
    private readonly List<(string Method, string Route)> calls = [];

    public int Reads => Count("GET");

    public int Writes => Count("POST");

    public int Count(string method, string? route = null)
    {
        lock (gate)
        {
            return calls.Count(c => c.Method == method && (route is null || c.Route == route));
        }
    }

    public void Record(string method, string route)
    {
        lock (gate)
        {
            calls.Add((method, route));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            calls.Clear();
        }
    }
}
