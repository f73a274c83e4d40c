using System.Net;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Informers;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>The informer's reconnect rules with a scripted list-watch and fake time.</summary>
public sealed class ResourceInformerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedListWatch _source = new();
    private readonly List<InformerEvent<TeamShare>> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private ResourceInformer<TeamShare> _informer = null!;
    private Task _running = Task.CompletedTask;

    public Task InitializeAsync()
    {
        var share = TestCluster.Share("a");
        share.Metadata.ResourceVersion = "1";
        _source.Items.Add(share);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Eventually.Within(_running);
    }

    [Fact]
    public async Task An_HTTP_410_on_the_watch_call_lists_again_without_repeating_unchanged_objects()
    {
        _source.WatchFailures.Enqueue(new HttpOperationException("gone") { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Gone), "") });
        await StartAsync(TimeSpan.Zero);

        await Eventually.TrueAsync(() => _source.Lists == 2 && _source.Watches == 2, "relist and watch again");

        Assert.Equal([InformerEventType.Added], Events().Select(e => e.Type));
    }

    [Fact]
    public async Task Other_watch_failures_reconnect_after_a_backoff_from_the_last_resource_version()
    {
        _source.WatchFailures.Enqueue(new HttpRequestException("connection refused"));
        _source.WatchFailures.Enqueue(new HttpRequestException("connection refused"));
        await StartAsync(TimeSpan.Zero);
        await Eventually.TrueAsync(() => _source.Watches == 1, "first watch failed");

        await Eventually.TrueAsync(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            return _source.Watches == 3;
        }, "two reconnects");

        Assert.Equal(1, _source.Lists);
        Assert.Equal(["1", "1", "1"], _source.WatchedFrom);
    }

    [Fact]
    public async Task Resync_hands_every_cached_object_to_the_handlers_again()
    {
        await StartAsync(TimeSpan.FromMinutes(10));
        await Eventually.TrueAsync(() => _source.Watches == 1, "watching");

        _time.Advance(TimeSpan.FromMinutes(10));

        await Eventually.TrueAsync(() => Events().Count == 2, "resync event");
        var resync = Events()[1];
        Assert.Equal(InformerEventType.Updated, resync.Type);
        Assert.Same(resync.Object, resync.Previous);
    }

    private async Task StartAsync(TimeSpan resync)
    {
        _informer = new ResourceInformer<TeamShare>(
            [_source], new InformerOptions { ResyncInterval = resync, InitialBackoff = TimeSpan.FromMilliseconds(100) }, _time, NullLogger.Instance);
        _informer.Subscribe(change =>
        {
            lock (_events)
            {
                _events.Add(change);
            }
        });
        _running = _informer.RunAsync(_stop.Token);
        await Eventually.Within(_informer.WaitForSyncAsync(CancellationToken.None));
    }

    private List<InformerEvent<TeamShare>> Events()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    /// <summary>Lists <see cref="Items"/>; each watch first throws the next scripted failure, if any, else stays open.</summary>
    private sealed class ScriptedListWatch : IListWatch<TeamShare>
    {
        public readonly List<TeamShare> Items = [];
        public readonly System.Collections.Concurrent.ConcurrentQueue<Exception> WatchFailures = new();
        public readonly System.Collections.Concurrent.ConcurrentQueue<string> WatchedFromQueue = new();
        public int Lists;
        public int Watches;

        public string? Namespace => "default";

        public IReadOnlyList<string> WatchedFrom => [.. WatchedFromQueue];

        public Task<ListSnapshot<TeamShare>> ListAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Lists);
            return Task.FromResult(new ListSnapshot<TeamShare>([.. Items], "1"));
        }

        public async IAsyncEnumerable<(WatchEventType Type, TeamShare Object)> WatchAsync(
            string resourceVersion, Action<Exception> onError, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            WatchedFromQueue.Enqueue(resourceVersion);
            Interlocked.Increment(ref Watches);
            if (WatchFailures.TryDequeue(out var failure))
            {
                throw failure;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }
    }
}
