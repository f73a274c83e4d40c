using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.WorkQueues;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Runtime.Controllers;

/// <summary>
/// Runs one reconciler: informer changes become keys (<see cref="For{T}"/> for the primary kind, <see cref="Watches{T}"/> to
/// fan a related kind out to primary keys), and N workers take keys from a <see cref="WorkQueue{TKey}"/>. The worker is the
/// safety net: an exception becomes a rate-limited requeue (result "error"), a <see cref="ReconcileOutcome.RequeueAfter"/>
/// (result "requeue_after") and a success with a resync delay (result "success") reset the backoff and add the key after
/// the delay, a terminal result is logged and counted but not retried.
/// Can be run again after it stopped (when leadership comes back); each run starts with every cached object queued.
/// </summary>
internal sealed class Controller
{
    private readonly IReconciler _reconciler;
    private readonly InformerSet _informers;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Action<WorkQueue<ResourceKey>>> _enqueueCached = [];
    private volatile WorkQueue<ResourceKey>? _queue;

    public Controller(string name, IReconciler reconciler, InformerSet informers, ControllerOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        (Name, _reconciler, _informers, _options, _time, _logger) = (name, reconciler, informers, options, time, logger);
    }

    public string Name { get; }

    /// <summary>Reconciles objects of the kind itself: each change enqueues the object's own key.</summary>
    public Controller For<T>(Func<InformerEvent<T>, bool>? predicate = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Watches<T>(item => [ResourceKey.Of(item)], predicate);

    /// <summary>
    /// Maps each change of another kind to the keys it affects (e.g. a TeamShare to its hub). On an update both the old
    /// and the new object are mapped, so a share moved to another hub enqueues both hubs.
    /// </summary>
    public Controller Watches<T>(Func<T, IEnumerable<ResourceKey>> map, Func<InformerEvent<T>, bool>? predicate = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = _informers.Get<T>();
        informer.Subscribe(change =>
        {
            if (_queue is not { } queue || (predicate is not null && !predicate(change)))
            {
                return;
            }

            foreach (var key in map(change.Object))
            {
                queue.Add(key);
            }

            if (change is { Type: InformerEventType.Updated, Previous: { } previous } && !ReferenceEquals(previous, change.Object))
            {
                foreach (var key in map(previous))
                {
                    queue.Add(key);
                }
            }
        });
        _enqueueCached.Add(queue =>
        {
            foreach (var item in informer.Cache.List())
            {
                foreach (var key in map(item))
                {
                    queue.Add(key);
                }
            }
        });
        return this;
    }

    /// <summary>Queues a key from outside the informers (an identity change); dropped while the controller is not running, since each run starts with every cached object queued.</summary>
    public void Enqueue(ResourceKey key) => _queue?.Add(key);

    /// <summary>Waits for the informers, then reconciles until cancelled; returns once in-flight reconciles finished.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _informers.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        using var queue = new WorkQueue<ResourceKey>(_options.Queue, _time);
        RuntimeMetrics.InitController(Name);
        _queue = queue;
        foreach (var enqueue in _enqueueCached)
        {
            enqueue(queue);
        }

        _logger.ControllerStarted(Name, _options.Workers);
        var workers = Enumerable.Range(0, _options.Workers)
            .Select(_ => Task.Run(() => WorkAsync(queue, cancellationToken), CancellationToken.None))
            .ToArray();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: drain below.
        }

        _queue = null;
        await queue.ShutDownAsync().ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
        _logger.ControllerStopped(Name);
    }

    private async Task WorkAsync(WorkQueue<ResourceKey> queue, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (got, key) = await queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (!got)
            {
                return;
            }

            RuntimeMetrics.WorkQueueDepth.WithLabels(Name).Set(queue.Count);
            try
            {
                await ReconcileAsync(queue, key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(WorkQueue<ResourceKey> queue, ResourceKey key, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        RuntimeMetrics.ActiveWorkers.WithLabels(Name).Inc();
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["controller"] = Name, ["key"] = key.ToString(), ["reconcileID"] = Guid.NewGuid() });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.ReconcileTimeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        try
        {
            var result = await _reconciler.ReconcileAsync(key, timeout.Token).ConfigureAwait(false);
            queue.Forget(key);
            switch (result.Outcome)
            {
                case ReconcileOutcome.RequeueAfter:
                    queue.AddAfter(key, result.Delay);
                    RuntimeMetrics.ReconcileTotal.WithLabels(Name, "requeue_after").Inc();
                    break;
                case ReconcileOutcome.Terminal:
                    _logger.ReconcileTerminal(Name, key, result.Message ?? "");
                    RuntimeMetrics.ReconcileTotal.WithLabels(Name, "terminal").Inc();
                    RuntimeMetrics.TerminalReconcileErrors.WithLabels(Name).Inc();
                    break;
                default:
                    if (result.Delay > TimeSpan.Zero)
                    {
                        queue.AddAfter(key, result.Delay);
                    }

                    RuntimeMetrics.ReconcileTotal.WithLabels(Name, "success").Inc();
                    break;
            }

            _logger.Reconciled(Name, key, result.ToString());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the next leader (or the next start) reconciles the key again.
        }
        catch (Exception ex)
        {
            queue.AddRateLimited(key);
            _logger.ReconcileFailed(ex, Name, key, queue.Failures(key));
            RuntimeMetrics.ReconcileTotal.WithLabels(Name, "error").Inc();
            RuntimeMetrics.ReconcileErrors.WithLabels(Name).Inc();
        }
        finally
        {
            RuntimeMetrics.ReconcileTime.WithLabels(Name).Observe(_time.GetElapsedTime(started).TotalSeconds);
            RuntimeMetrics.ActiveWorkers.WithLabels(Name).Dec();
        }
    }
}
