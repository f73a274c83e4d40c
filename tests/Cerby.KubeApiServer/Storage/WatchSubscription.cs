using System.Threading.Channels;

namespace Cerby.KubeApiServer.Storage;

/// <summary>One open watch: the events of one storage key (and namespace, when given) in commit order.</summary>
internal sealed class WatchSubscription(string storageKey, string? @namespace, Action<WatchSubscription> unsubscribe) : IDisposable
{
    private readonly Channel<StoredEvent> events = Channel.CreateUnbounded<StoredEvent>();

    public ChannelReader<StoredEvent> Events => events.Reader;

    /// <summary>How many events were replayed when the watch opened (initial ADDED events or retained history).</summary>
    public int ReplayCount { get; set; }

    public bool Wants(StoredEvent stored) =>
        stored.Key.StorageKey == storageKey && (@namespace is null || stored.Key.Namespace == @namespace);

    public void Deliver(StoredEvent stored) => events.Writer.TryWrite(stored);

    public void Dispose()
    {
        unsubscribe(this);
        events.Writer.TryComplete();
    }
}
