using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Cache;

/// <summary>
/// Keeps one IdentityProvider's entry in the <see cref="IdentityCache"/> current: a full read at start and every resync
/// interval, and a read of a newly bound group by itself (a full read for sources that cannot read groups alone); between them, waits for changes and polls. A failed poll marks the
/// last-known membership Stale and is followed by a full read after a capped backoff. Runs until disposed.
/// With a checkpoint store and a resumable source (Okta, Entra), the directory and the cursor are saved together after
/// each full read and, when something changed, at most every <see cref="SaveInterval"/>; a new watcher (restart,
/// failover) resumes from them instead of reading everything, unless a full read is due or a bound group is new.
/// </summary>
internal sealed class IdentityWatcher : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CursorRefreshInterval = TimeSpan.FromMinutes(5);
    private readonly IdentityCheckpointStore? _checkpoints;
    private DateTimeOffset _lastSaved = DateTimeOffset.MinValue;
    private bool _unsaved;
    private readonly IIdentitySource _source;
    private readonly IdentityCache _cache;
    private readonly string _idpKey;
    private readonly Func<IReadOnlyList<IdpGroupReference>> _boundGroups;
    private readonly TimeSpan _resync;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _readRequested = new(0, 1);
    private readonly Task _loop;

    public IdentityWatcher(
        string idpKey, string fingerprint, IIdentitySource source, IdentityCache cache, Func<IReadOnlyList<IdpGroupReference>> boundGroups,
        TimeSpan resync, TimeProvider time, ILogger logger, CancellationToken leading, IdentityCheckpointStore? checkpoints = null)
    {
        _checkpoints = checkpoints;
        (_idpKey, Fingerprint, _source, _cache, _boundGroups, _resync, _time, _logger) = (idpKey, fingerprint, source, cache, boundGroups, resync, time, logger);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(leading);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>What the watcher was built from (spec and Secret version): a different one needs a new watcher.</summary>
    public string Fingerprint { get; }

    /// <summary>Asks for the newly bound groups to be read as soon as the current wait or poll ends (a binding was added or changed).</summary>
    public void RequestRead()
    {
        if (_readRequested.CurrentCount == 0)
        {
            try
            {
                _readRequested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already requested.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await _source.DisposeAsync();
        _stop.Dispose();
        _readRequested.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        var resumedUntil = await TryResumeAsync(stop);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (resumedUntil is { } resyncAt)
                {
                    resumedUntil = null;
                    await PollUntilResyncAsync(resyncAt, stop);
                    continue;
                }

                var read = _source is IGroupReadingSource early && _cache.Get(_idpKey) is null
                    ? await early.ReadAsync(_boundGroups(), new GroupsFirst(_boundGroups, groups => _cache.ApplyGroupsFirst(_idpKey, groups, _time.GetUtcNow())), stop)
                    : await _source.ReadAsync(_boundGroups(), stop);
                _cache.ApplyRead(_idpKey, read, _time.GetUtcNow());
                failures = 0;
                await SaveAsync(force: true, stop);
                await PollUntilResyncAsync(_time.GetUtcNow() + _resync, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var problem = e is IdentitySourceException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                _logger.IdpUnreachable(_idpKey, problem);
                _cache.MarkUnreachable(_idpKey, _idpKey, problem);
                var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures, 10))));
                await WaitOrReadRequestAsync(backoff, stop);
            }
        }
    }

    private async Task PollUntilResyncAsync(DateTimeOffset resyncAt, CancellationToken stop)
    {
        while (_time.GetUtcNow() < resyncAt)
        {
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var changes = _source.WaitForChangesAsync(wake.Token);
            var readRequest = _readRequested.WaitAsync(wake.Token);
            await Task.WhenAny(changes, readRequest);
            await wake.CancelAsync();
            await Task.WhenAll(Quietly(changes), Quietly(readRequest));
            stop.ThrowIfCancellationRequested();
            if (readRequest.IsCompletedSuccessfully)
            {
                if (!await ReadNewGroupsAsync(stop))
                {
                    return; // this source reads groups only in a full read
                }

                continue;
            }

            if (_cache.Get(_idpKey) is not { } state)
            {
                return;
            }

            var update = await _source.PollAsync(state.Directory, stop);
            _cache.ApplyUpdate(_idpKey, update, _time.GetUtcNow());
            _unsaved |= !update.IsEmpty;
            await SaveAsync(force: false, stop);
            if (update.FullReadNeeded)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A binding asked for its group: reads the bound groups the state has not looked up yet, by themselves, when the
    /// source can (false: it cannot, so a full read follows). Nothing new bound reads nothing.
    /// </summary>
    private async Task<bool> ReadNewGroupsAsync(CancellationToken stop)
    {
        if (_source is not IGroupReadingSource reader || _cache.Get(_idpKey) is not { LastFullRead: not null } state)
        {
            return false;
        }

        var known = state.Groups.Select(g => g.Reference).ToHashSet();
        var added = _boundGroups().Where(b => !known.Contains(b)).Distinct().ToList();
        if (added.Count == 0)
        {
            return true;
        }

        var read = await reader.ReadGroupsAsync(added, stop);
        _cache.ApplyGroups(_idpKey, read);
        _logger.IdpGroupsRead(_idpKey, added.Count, read.Members.Count);
        _unsaved = true;
        await SaveAsync(force: false, stop);
        return true;
    }

    /// <summary>Resumes from the saved checkpoint; returns when the next full read is due, or null to read now.</summary>
    private async Task<DateTimeOffset?> TryResumeAsync(CancellationToken stop)
    {
        if (_checkpoints is null || _source is not IResumableIdentitySource resumable)
        {
            return null;
        }

        try
        {
            var checkpoint = await _checkpoints.LoadAsync(stop);
            var bound = _boundGroups();
            var why = checkpoint is null ? "no checkpoint"
                : checkpoint.Fingerprint != Fingerprint ? "the configuration changed"
                : _time.GetUtcNow() - checkpoint.LastFullRead >= _resync ? "a full read is due"
                : bound.FirstOrDefault(b => !checkpoint.Groups.Any(g => g.Reference == b)) is { } added ? $"group {added.Id ?? added.DisplayName} is newly bound"
                : !resumable.TryResume(checkpoint.Cursor) ? "the cursor cannot be used"
                : null;
            if (why is not null)
            {
                _logger.IdpCheckpointSkipped(_idpKey, why);
                return null;
            }

            _cache.ApplyRead(_idpKey, new IdentityRead(checkpoint!.Directory, checkpoint.Groups, null, null), checkpoint.LastFullRead);
            (_lastSaved, _unsaved) = (_time.GetUtcNow(), false);
            _logger.IdpResumed(_idpKey, checkpoint.Directory.Users.Count, checkpoint.LastFullRead);
            return checkpoint.LastFullRead + _resync;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            _logger.IdpCheckpointSkipped(_idpKey, $"{e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    /// <summary>Saves directory and cursor together, after a full read or when changes wait and the last save is old enough.</summary>
    private async Task SaveAsync(bool force, CancellationToken stop)
    {
        if (_checkpoints is null || _source is not IResumableIdentitySource { Cursor: { } cursor }
            || _cache.Get(_idpKey) is not { Problem: null, LastFullRead: { } lastFullRead } state)
        {
            return;
        }

        var age = _time.GetUtcNow() - _lastSaved;
        if (!force && !(_unsaved && age >= SaveInterval) && age < CursorRefreshInterval)
        {
            return;
        }

        try
        {
            await _checkpoints.SaveAsync(new IdentityCheckpoint(Fingerprint, state.Directory, state.Groups, lastFullRead, cursor), stop);
            (_lastSaved, _unsaved) = (_time.GetUtcNow(), false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            _logger.IdpCheckpointFailed(_idpKey, _checkpoints.Location, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task WaitOrReadRequestAsync(TimeSpan delay, CancellationToken stop)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var timer = Task.Delay(delay, _time, wake.Token);
        var readRequest = _readRequested.WaitAsync(wake.Token);
        await Task.WhenAny(timer, readRequest);
        await wake.CancelAsync();
        await Task.WhenAll(Quietly(timer), Quietly(readRequest));
        stop.ThrowIfCancellationRequested();
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The other task won.
        }
    }
}
