using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Cache;

/// <summary>
/// The running <see cref="IdentityWatcher"/>s, one per IdentityProvider, started by its reconciler while this instance
/// leads and all stopped when leadership ends (<see cref="RunAsync"/> returns).
/// </summary>
internal sealed class IdentityWatchers(IdentityCache cache, TimeProvider time, ILoggerFactory loggers)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IdentityWatcher> _watchers = new(StringComparer.Ordinal);
    private CancellationToken _leading = new(canceled: true);

    /// <summary>Runs while this instance leads: watchers live until <paramref name="leading"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken leading)
    {
        lock (_lock)
        {
            _leading = leading;
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, leading);
        }
        catch (OperationCanceledException)
        {
            // Leadership ended or the process stops.
        }

        List<IdentityWatcher> stopping;
        lock (_lock)
        {
            stopping = [.. _watchers.Values];
            _watchers.Clear();
        }

        await Task.WhenAll(stopping.Select(w => w.DisposeAsync().AsTask()));
    }

    /// <summary>Whether a watcher built from <paramref name="fingerprint"/> runs for the IdP.</summary>
    public bool IsRunning(string idpKey, string fingerprint)
    {
        lock (_lock) return _watchers.TryGetValue(idpKey, out var w) && w.Fingerprint == fingerprint;
    }

    /// <summary>Starts a watcher, replacing one built from another spec or Secret version; false when not leading.</summary>
    /// <param name="checkpoints">Where a resumable source's directory and cursor are kept across restarts and failover.</param>
    public async Task<bool> StartAsync(string idpKey, string fingerprint, IIdentitySource source, Func<IReadOnlyList<IdpGroupReference>> boundGroups, TimeSpan resync,
        Durable.IdentityCheckpointStore? checkpoints = null)
    {
        IdentityWatcher? previous;
        lock (_lock)
        {
            if (_leading.IsCancellationRequested)
            {
                previous = null;
            }
            else
            {
                _watchers.Remove(idpKey, out previous);
                _watchers[idpKey] = new IdentityWatcher(idpKey, fingerprint, source, cache, boundGroups, resync, time, loggers.CreateLogger<IdentityWatcher>(), _leading, checkpoints);
                source = null!;
            }
        }

        if (previous is not null)
        {
            await previous.DisposeAsync();
        }

        if (source is not null)
        {
            await source.DisposeAsync();
            return false;
        }

        return true;
    }

    /// <summary>Stops the IdP's watcher, if any (its IdentityProvider was deleted or became invalid).</summary>
    public async Task StopAsync(string idpKey)
    {
        IdentityWatcher? watcher;
        lock (_lock)
        {
            _watchers.Remove(idpKey, out watcher);
        }

        if (watcher is not null)
        {
            await watcher.DisposeAsync();
        }
    }

    /// <summary>Asks the IdP's watcher for a full read soon (a binding names a group not read yet).</summary>
    public void RequestRead(string idpKey)
    {
        lock (_lock)
        {
            _watchers.GetValueOrDefault(idpKey)?.RequestRead();
        }
    }
}
