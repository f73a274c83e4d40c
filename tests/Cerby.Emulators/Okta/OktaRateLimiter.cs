namespace Cerby.Emulators.Okta;

/// <summary>
/// Per-minute rate-limit windows per endpoint family (/api/v1/users, /api/v1/groups, /api/v1/apps, /api/v1/logs,
/// /oauth2/v1/token), as Okta keeps them; every answer carries X-Rate-Limit-Limit, -Remaining and -Reset (epoch seconds).
/// </summary>
internal sealed class OktaRateLimiter(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Requests allowed per family per minute.</summary>
    public int Limit { get; set; } = 600;

    /// <summary>Counts a request; false when its window is used up (the answer is then 429).</summary>
    public (bool Allowed, int Limit, int Remaining, long Reset) Take(string path)
    {
        var family = string.Join('/', path.Split('/').Take(4));
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_windows.TryGetValue(family, out var window) || now >= window.Reset)
            {
                _windows[family] = window = new Window(Limit, new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1));
            }

            var allowed = window.Remaining > 0;
            if (allowed)
            {
                window.Remaining--;
            }

            return (allowed, Limit, window.Remaining, window.Reset.ToUnixTimeSeconds());
        }
    }

    private sealed class Window(int remaining, DateTimeOffset reset)
    {
        public int Remaining { get; set; } = remaining;

        public DateTimeOffset Reset { get; } = reset;
    }
}
