using System.Collections.Concurrent;
using Cerby.Operator.Connectors;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>The app as a hub last knew it: read in full at <paramref name="ReadAt"/>, kept current since from its own writes and targeted reads.</summary>
/// <param name="Actual">The app's members as the connector reads them (the ledger's managed marks are added per sync, not kept here).</param>
/// <param name="Connector">The connector that read it: a new connector (other Secret, URL, roles) starts from a full read.</param>
/// <param name="ReadAt">When the last full read began.</param>
/// <param name="SyncRequest">The hub's sync-requested annotation at that read: a new value ("check for updates") reads again in full.</param>
internal sealed record CachedAppState(ActualAccess Actual, IAppConnector Connector, DateTimeOffset ReadAt, string? SyncRequest);

/// <summary>
/// Each hub's last known app state, in memory on the leader only (cleared when leadership starts and ends). A hub
/// plans against it instead of reading the whole app on every sync; the full read still happens on the resync interval
/// (the drift check), on "check for updates", on a new connector, and after any write that failed or was refused (the
/// state may be wrong). Unknown is never empty: a hub without an entry reads in full.
/// </summary>
internal sealed class AppStateCache
{
    private readonly ConcurrentDictionary<string, CachedAppState> _states = new(StringComparer.Ordinal);

    /// <summary>Hubs whose state is kept.</summary>
    public int Count => _states.Count;

    public CachedAppState? Get(string hubKey) => _states.TryGetValue(hubKey, out var state) ? state : null;

    public void Store(string hubKey, CachedAppState state) => _states[hubKey] = state;

    /// <summary>Forgets the hub's state: its next sync reads the app in full.</summary>
    public void Invalidate(string hubKey) => _states.TryRemove(hubKey, out _);

    public void Clear() => _states.Clear();

    /// <summary>
    /// Whether a sync may plan against <paramref name="cached"/>: same connector, same sync request, and the full read is
    /// younger than the resync interval (a little less, so the resync timer's own sync always reads in full).
    /// </summary>
    public static bool Usable(CachedAppState? cached, IAppConnector connector, string? syncRequest, TimeSpan resyncInterval, DateTimeOffset now) =>
        cached is not null
        && ReferenceEquals(cached.Connector, connector)
        && string.Equals(cached.SyncRequest, syncRequest, StringComparison.Ordinal)
        && now - cached.ReadAt < resyncInterval * 0.9;

    /// <summary>Runs while this instance leads: a new leader starts from full reads, and a former one keeps nothing.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Clear();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // leadership (or the process) ended
        }
        finally
        {
            Clear();
        }
    }

    /// <summary><paramref name="actual"/> with the members a targeted read found replaced (null: the app has none).</summary>
    public static ActualAccess Merge(ActualAccess actual, IReadOnlyDictionary<string, ActualMember?> read)
    {
        if (read.Count == 0)
        {
            return actual;
        }

        var members = new Dictionary<string, ActualMember>(actual.Members, StringComparer.Ordinal);
        foreach (var (key, member) in read)
        {
            if (member is null)
            {
                members.Remove(key);
            }
            else
            {
                members[key] = member;
            }
        }

        return actual with { Members = members };
    }
}
