namespace Cerby.Emulators.Meta;

/// <summary>One request the emulator received: method and path without the version prefix, e.g. GET /123/business_users.</summary>
internal sealed record MetaCall(string Method, string Path, string Query);

/// <summary>Every request the emulator received, faulted ones included (Meta counts those too).</summary>
internal sealed class MetaCallLog
{
    private readonly Lock gate = new();
    private readonly List<MetaCall> calls = [];
    private int inFlight;
    private int maxInFlight;

    /// <summary>The most requests the emulator was answering at the same time since the last <see cref="Clear"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>A request began: counts it in flight until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        var now = Interlocked.Increment(ref inFlight);
        for (var seen = Volatile.Read(ref maxInFlight); now > seen; seen = Volatile.Read(ref maxInFlight))
        {
            if (Interlocked.CompareExchange(ref maxInFlight, now, seen) == seen)
            {
                break;
            }
        }

        return new Leaving(this);
    }

    /// <summary>Requests so far.</summary>
    public IReadOnlyList<MetaCall> All
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>GET requests so far.</summary>
    public int Reads => Count("GET");

    /// <summary>POST and DELETE requests so far.</summary>
    public int Writes => Count("POST") + Count("DELETE");

    /// <summary>Requests with this method whose path ends with <paramref name="pathEndsWith"/> (any path when null).</summary>
    public int Count(string method, string? pathEndsWith = null)
    {
        lock (gate)
        {
            return calls.Count(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase)
                && (pathEndsWith is null || c.Path.EndsWith(pathEndsWith, StringComparison.Ordinal)));
        }
    }

    /// <summary>Forgets the requests so far.</summary>
    public void Clear()
    {
        lock (gate)
        {
            calls.Clear();
        }

        Volatile.Write(ref maxInFlight, Volatile.Read(ref inFlight));
    }

    /// <summary>Records a request.</summary>
    public void Record(MetaCall call)
    {
        lock (gate)
        {
            calls.Add(call);
        }
    }

    private sealed class Leaving(MetaCallLog log) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref log.inFlight);
    }
}
