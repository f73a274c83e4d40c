namespace Cerby.Emulators.LinkedIn;

/// <summary>
/// LinkedIn's per-day request limit: when <see cref="Limit"/> is set, calls past it on one UTC day are throttled
/// until the counter resets at 00:00 UTC (the emulator's clock).
/// </summary>
internal sealed class LinkedInDailyQuota(TimeProvider time)
{
    private readonly Lock gate = new();
    private DateOnly day;
    private int used;

    /// <summary>Calls allowed per UTC day; null means no limit.</summary>
    public int? Limit { get; set; }

    /// <summary>Counts a call; false when the day's quota is spent.</summary>
    public bool TryUse()
    {
        lock (gate)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            if (today != day)
            {
                (day, used) = (today, 0);
            }

            used++;
            return Limit is not { } limit || used <= limit;
        }
    }

    /// <summary>Forgets the limit and today's count.</summary>
    public void Clear()
    {
        lock (gate)
        {
            (Limit, used) = (null, 0);
        }
    }
}
