using System.Collections.Concurrent;
using Cerby.Operator.Runtime;

namespace Cerby.Operator.Controllers.Shares;

/// <summary>
/// The users each share grants, as the latest sync of its hub computed them (<see cref="ShareGrants"/>): the hub
/// reconciler posts them, the share reconciler shows them. Posting names the shares whose shown count is now wrong
/// (<see cref="SharesChanged"/>), so a share is reconciled when what it shows changed, not on every hub status write.
/// Thread-safe; in memory only (after a restart a share keeps the count its status has until its hub synced once).
/// </summary>
internal sealed class ShareGrantBoard
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> _byHub = new(StringComparer.Ordinal);

    /// <summary>Share keys to reconcile because the count they show changed.</summary>
    public event Action<IReadOnlyCollection<ResourceKey>>? SharesChanged;

    /// <summary>Posts a hub's grants by share key, then asks for the <paramref name="changed"/> shares to be reconciled.</summary>
    public void Post(string hubKey, IReadOnlyDictionary<string, IReadOnlyList<string>> byShare, IReadOnlyCollection<ResourceKey> changed)
    {
        _byHub[hubKey] = byShare;
        if (changed.Count > 0)
        {
            SharesChanged?.Invoke(changed);
        }
    }

    /// <summary>The users the share grants; null when its hub has not synced since this process started.</summary>
    public IReadOnlyList<string>? Granted(string hubKey, string shareKey) =>
        _byHub.TryGetValue(hubKey, out var byShare) ? byShare.GetValueOrDefault(shareKey) ?? [] : null;

    /// <summary>Drops a deleted hub's grants.</summary>
    public void Forget(string hubKey) => _byHub.TryRemove(hubKey, out _);
}
