using System.Diagnostics;
using Cerby.Operator.Identity.Cache;

namespace Cerby.Operator.Bench.Latency;

/// <summary>
/// Detection latency, measured inside the operator: the moment its identity cache raises a change naming the user
/// (a membership event or a changed user) after <see cref="Arm"/>. The cache's listeners run on the watcher's
/// thread, so this only records a timestamp.
/// </summary>
internal sealed class DetectionClock
{
    private readonly Lock _lock = new();
    private string? _userId;
    private long _detectedAt;

    public DetectionClock(IdentityCache identity) => identity.Changed += OnChanged;

    /// <summary>Starts waiting for a change that names <paramref name="userId"/>.</summary>
    public void Arm(string userId)
    {
        lock (_lock)
        {
            (_userId, _detectedAt) = (userId, 0);
        }
    }

    /// <summary>When the change was seen (a <see cref="Stopwatch"/> timestamp), or null if it has not been yet.</summary>
    public long? DetectedAt
    {
        get
        {
            lock (_lock)
            {
                return _detectedAt == 0 ? null : _detectedAt;
            }
        }
    }

    private void OnChanged(IdentityDelta delta)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (_userId is { } user && _detectedAt == 0
                && (delta.Events.Any(e => e.UserId == user) || delta.Users.Any(u => u.Id == user)))
            {
                _detectedAt = now;
            }
        }
    }
}
