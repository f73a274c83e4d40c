using Cerby.Operator.Observability;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Cache;

/// <summary>
/// Keeps one IdentityProvider's entry in the <see cref="IdentityCache"/> current: a full read at start, on request
/// (a new binding) and every resync interval; between them, waits for changes and polls. A failed poll marks the
/// last-known membership Stale and is followed by a full read after a capped backoff. Runs until disposed.
/// </summary>
internal sealed class IdentityWatcher : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);
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
        TimeSpan resync, TimeProvider time, ILogger logger, CancellationToken leading)
    {
        (_idpKey, Fingerprint, _source, _cache, _boundGroups, _resync, _time, _logger) = (idpKey, fingerprint, source, cache, boundGroups, resync, time, logger);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(leading);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>What the watcher was built from (spec and Secret version): a different one needs a new watcher.</summary>
    public string Fingerprint { get; }

    /// <summary>Asks for a full read as soon as the current wait or poll ends (a binding was added or changed).</summary>
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
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var read = await _source.ReadAsync(_boundGroups(), stop);
                _cache.ApplyRead(_idpKey, read, _time.GetUtcNow());
                failures = 0;
                await PollUntilResyncAsync(stop);
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

    private async Task PollUntilResyncAsync(CancellationToken stop)
    {
        var resyncAt = _time.GetUtcNow() + _resync;
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
                return; // a full read was asked for
            }

            if (_cache.Get(_idpKey) is not { } state)
            {
                return;
            }

            var update = await _source.PollAsync(state.Directory, stop);
            _cache.ApplyUpdate(_idpKey, update, _time.GetUtcNow());
            if (update.FullReadNeeded)
            {
                return;
            }
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
