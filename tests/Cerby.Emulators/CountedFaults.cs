namespace Cerby.Emulators;

/// <summary>
/// Faults queued for the next matching requests of an emulator, each used up once per request: a status, an optional
/// delay the emulator turns into its API's rate-limit header (Okta's X-Rate-Limit-Reset, Graph's Retry-After), and a
/// path filter that matches when the request path contains it (null matches every path).
/// </summary>
internal sealed class CountedFaults
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];

    public void Add(int status, TimeSpan? delay, string? pathContains, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_lock)
        {
            _pending.Add(new Pending(status, delay, pathContains, times));
        }
    }

    /// <summary>The fault for this request, if one is queued for its path; using it up once.</summary>
    public (int Status, TimeSpan? Delay)? Take(string path)
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

            return (match.Status, match.Delay);
        }
    }

    /// <summary>Drops every queued fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
        }
    }

    private sealed class Pending(int status, TimeSpan? delay, string? pathContains, int remaining)
    {
        public int Status { get; } = status;

        public TimeSpan? Delay { get; } = delay;

        public string? PathContains { get; } = pathContains;

        public int Remaining { get; set; } = remaining;
    }
}
