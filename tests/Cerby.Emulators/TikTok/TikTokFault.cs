namespace Cerby.Emulators.TikTok;

/// <summary>What an injected fault does to a request.</summary>
internal enum TikTokFaultKind
{
    /// <summary>HTTP 200 with envelope code <see cref="TikTokFault.Code"/> (40100 throttling by default) and <c>data: {}</c>: TikTok's own way.</summary>
    Code,

    /// <summary>HTTP 429 with Retry-After (not a documented TikTok answer; for the generic retry contract).</summary>
    TooManyRequests,

    /// <summary>An HTTP 5xx.</summary>
    HttpError,

    /// <summary>HTTP 200 with truncated JSON.</summary>
    MalformedJson,

    /// <summary>A list ignores <c>page</c> and serves page 1 again.</summary>
    PageLoop,
}

/// <summary>A fault to inject into the next matching requests.</summary>
internal sealed record TikTokFault(TikTokFaultKind Kind, int Code = 40100, int Status = 0, int RetryAfterSeconds = 0)
{
    /// <summary>HTTP 200 with the given envelope code (40100, 40132, 61000, 50000 …).</summary>
    public static TikTokFault WithCode(int code = 40100) => new(TikTokFaultKind.Code, Code: code);

    /// <summary>HTTP 429 asking to retry after <paramref name="seconds"/>.</summary>
    public static TikTokFault TooManyRequests(int seconds) => new(TikTokFaultKind.TooManyRequests, RetryAfterSeconds: seconds);

    /// <summary>An HTTP error status.</summary>
    public static TikTokFault Http(int status) => new(TikTokFaultKind.HttpError, Status: status);

    /// <summary>A 200 whose JSON breaks off.</summary>
    public static TikTokFault Malformed() => new(TikTokFaultKind.MalformedJson);

    /// <summary>A list that never advances.</summary>
    public static TikTokFault Loop() => new(TikTokFaultKind.PageLoop);
}

/// <summary>Faults waiting for requests: each lets <c>skip</c> matching requests through, then hits the next <c>times</c>.</summary>
internal sealed class TikTokFaults
{
    private readonly Lock gate = new();
    private readonly List<Entry> entries = [];

    /// <summary>Queues a fault for requests of <paramref name="method"/> (any when null) whose path contains <paramref name="path"/> (any when null).</summary>
    public void Inject(TikTokFault fault, int times = 1, string? method = null, string? path = null, int skip = 0)
    {
        lock (gate)
        {
            entries.Add(new Entry(fault, method, path) { Skip = skip, Left = times });
        }
    }

    /// <summary>Drops the queued faults.</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    /// <summary>The fault for this request, if one is due.</summary>
    public TikTokFault? Take(string method, string path)
    {
        lock (gate)
        {
            var entry = entries.FirstOrDefault(e => (e.Method is null || e.Method == method) && (e.Path is null || path.Contains(e.Path, StringComparison.Ordinal)));
            if (entry is null || entry.Skip-- > 0)
            {
                return null;
            }

            if (--entry.Left == 0)
            {
                entries.Remove(entry);
            }

            return entry.Fault;
        }
    }

    private sealed record Entry(TikTokFault Fault, string? Method, string? Path)
    {
        public int Skip { get; set; }

        public int Left { get; set; }
    }
}
