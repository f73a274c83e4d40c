using Cerby.Operator.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>
/// The real list-watch, with a gate the test can close so the next watch waits (the test changes the world meanwhile),
/// and counters of lists, watches and the errors the server sent.
/// </summary>
internal sealed class GatedListWatch<T>(IListWatch<T> inner) : IListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private volatile TaskCompletionSource _gate = Open();

    public int Lists;
    public int Watches;
    public readonly List<int?> ErrorCodes = [];

    public string? Namespace => inner.Namespace;

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reopen() => _gate.TrySetResult();

    public Task<ListSnapshot<T>> ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Lists);
        return inner.ListAsync(cancellationToken);
    }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string resourceVersion, Action<Exception> onError, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        Interlocked.Increment(ref Watches);
        void Record(Exception ex)
        {
            lock (ErrorCodes)
            {
                ErrorCodes.Add((ex as KubernetesException)?.Status?.Code);
            }

            onError(ex);
        }

        await foreach (var change in inner.WatchAsync(resourceVersion, Record, cancellationToken))
        {
            yield return change;
        }
    }

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
