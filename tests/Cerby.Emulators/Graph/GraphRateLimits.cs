using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Graph;

/// <summary>
/// The budget the emulated tenant announces, when a test sets <see cref="Limit"/>: every Graph answer (not the token
/// endpoint) then carries <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>, <c>RateLimit-Reset</c> (seconds to the
/// end of the window) and <c>RateLimit-Policy</c> (<c>{limit};w={seconds}</c>), the IETF headers some Graph workloads
/// send; a request past the limit answers 429 with <c>Retry-After</c>. Every answer carries <c>x-ms-resource-unit</c>
/// (1: the emulator charges every read the base cost), as Graph's directory does. Windows are fixed, aligned on the
/// emulator's clock.
/// </summary>
internal sealed class GraphRateLimits(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowEnd;
    private int _used;

    /// <summary>Requests allowed per window; null (the default) announces no budget and never throttles.</summary>
    public int? Limit { get; set; }

    /// <summary>The window's length (60 s unless set).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Graph requests counted in the current window so far.</summary>
    public int Used
    {
        get
        {
            lock (_lock)
            {
                return _used;
            }
        }
    }

    /// <summary>Counts the request and writes the headers; false when the window is used up (the caller answers 429).</summary>
    public bool Take(HttpContext context)
    {
        context.Response.Headers["x-ms-resource-unit"] = "1";
        if (Limit is not { } limit)
        {
            return true;
        }

        var now = time.GetUtcNow();
        int remaining;
        TimeSpan reset;
        bool allowed;
        lock (_lock)
        {
            if (now >= _windowEnd)
            {
                var windowTicks = Window.Ticks;
                _windowEnd = new DateTimeOffset(now.UtcTicks - now.UtcTicks % windowTicks, TimeSpan.Zero) + Window;
                _used = 0;
            }

            allowed = _used < limit;
            if (allowed)
            {
                _used++;
            }

            remaining = limit - _used;
            reset = _windowEnd - now;
        }

        var seconds = ((int)Math.Ceiling(reset.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["RateLimit-Reset"] = seconds;
        context.Response.Headers["RateLimit-Policy"] = $"{limit.ToString(CultureInfo.InvariantCulture)};w={(int)Window.TotalSeconds}";
        if (!allowed)
        {
            context.Response.Headers.RetryAfter = seconds;
        }

        return allowed;
    }
}
