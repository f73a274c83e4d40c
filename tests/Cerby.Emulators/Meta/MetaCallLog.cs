namespace Cerby.Emulators.Meta;

/// <summary>One request the emulator received: method and path without the version prefix, e.g. GET /123/business_users.</summary>
internal sealed record MetaCall(string Method, string Path, string Query);

/// <summary>Every request the emulator received, faulted ones included (Meta counts those too).</summary>
internal sealed class MetaCallLog
{
    private readonly Lock gate = new();
    private readonly List<MetaCall> calls = [];

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
    }

    /// <summary>Records a request.</summary>
    public void Record(MetaCall call)
    {
        lock (gate)
        {
            calls.Add(call);
        }
    }
}
