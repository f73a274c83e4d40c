namespace Cerby.Operator.Runtime.LeaderElection;

/// <summary>
/// What readiness needs to know about leader election: whether this instance leads, and when it last reached the Lease
/// (a standby that can read the Lease is standing by healthily).
/// </summary>
internal sealed class LeadershipState(TimeProvider time)
{
    private long _lastContactTicks;
    private volatile bool _isLeader;

    public bool IsLeader => _isLeader;

    public void SetLeading(bool leading) => _isLeader = leading;

    public void RecordLeaseContact() => Interlocked.Exchange(ref _lastContactTicks, time.GetUtcNow().UtcTicks);

    /// <summary>Leading, or read the Lease within <paramref name="window"/>.</summary>
    public bool IsHealthy(TimeSpan window)
    {
        var last = Interlocked.Read(ref _lastContactTicks);
        return _isLeader || (last > 0 && time.GetUtcNow().UtcTicks - last <= window.Ticks);
    }
}
