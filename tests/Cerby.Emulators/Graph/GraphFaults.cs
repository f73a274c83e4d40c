namespace Cerby.Emulators.Graph;

/// <summary>
/// Switches tests flip to make the emulated tenant misbehave. Counted faults apply to the next matching requests; path
/// filters match when the request path contains the given text (null matches every path, the token endpoint included).
/// </summary>
internal sealed class GraphFaults
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];

    /// <summary>Answers every request this long late (a slow tenant).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>List answers carry a nextLink back to the page just served once a skiptoken is in use: a paging loop.</summary>
    public bool NextLinkLoop { get; set; }

    /// <summary>Every Graph call answers 401 InvalidAuthenticationToken, whatever token it carries.</summary>
    public bool RejectTokens { get; set; }

    /// <summary>Every Graph call answers 403 Authorization_RequestDenied (permissions not consented).</summary>
    public bool DenyAccess { get; set; }

    /// <summary>The next <paramref name="times"/> matching requests answer 429 TooManyRequests with <c>Retry-After</c>.</summary>
    public void Throttle(int times, TimeSpan retryAfter, string? pathContains = null) => Add(new Pending(429, retryAfter, pathContains, times));

    /// <summary>The next <paramref name="times"/> matching requests answer <paramref name="status"/> (500, 502, 503…), with <c>Retry-After</c> when given.</summary>
    public void Fail(int times, int status = 500, string? pathContains = null, TimeSpan? retryAfter = null) => Add(new Pending(status, retryAfter, pathContains, times));

    /// <summary>The status to fail this request with (and its Retry-After), using the fault up once.</summary>
    public (int Status, TimeSpan? RetryAfter)? Take(string path)
    {
        lock (_lock)
        {
            var match = _pending.FirstOrDefault(p => p.PathContains is null || path.Contains(p.PathContains, StringComparison.Ordinal));
            if (match is null)
            {
                return null;
            }

            if (--match.Remaining == 0)
            {
                _pending.Remove(match);
            }

            return (match.Status, match.RetryAfter);
        }
    }

    /// <summary>Drops every pending counted fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
        }
    }

    private void Add(Pending pending)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pending.Remaining);
        lock (_lock)
        {
            _pending.Add(pending);
        }
    }

    private sealed class Pending(int status, TimeSpan? retryAfter, string? pathContains, int remaining)
    {
        public int Status { get; } = status;

        public TimeSpan? RetryAfter { get; } = retryAfter;

        public string? PathContains { get; } = pathContains;

        public int Remaining { get; set; } = remaining;
    }
}
