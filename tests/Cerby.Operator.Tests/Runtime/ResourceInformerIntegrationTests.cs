using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Informers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>The informer against the wire-level API server: dropped watches, 410 Gone, indexes.</summary>
public sealed class ResourceInformerIntegrationTests : IAsyncLifetime
{
    private readonly List<(InformerEventType Type, string Name, string ResourceVersion)> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private TestCluster _cluster = null!;
    private GatedListWatch<TeamShare> _source = null!;
    private ResourceInformer<TeamShare> _informer = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _source = new GatedListWatch<TeamShare>(new CustomResourceListWatch<TeamShare>(_cluster.Client, TestCluster.Namespace, TimeSpan.FromMinutes(5)));
        _informer = new ResourceInformer<TeamShare>(
            [_source], new InformerOptions { ResyncInterval = TimeSpan.Zero, InitialBackoff = TimeSpan.FromMilliseconds(10) },
            TimeProvider.System, NullLogger.Instance);
        _informer.AddIndex("byHub", share => [$"{share.Metadata.NamespaceProperty}/{share.Spec.HubRef.Name}"]);
        _informer.Subscribe(change =>
        {
            lock (_events)
            {
                _events.Add((change.Type, change.Object.Metadata.Name, change.Object.Metadata.ResourceVersion));
            }
        });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Lists_existing_objects_then_reports_each_change_once()
    {
        await _cluster.CreateAsync(TestCluster.Share("a"));
        await StartAsync();
        Assert.Equal([(InformerEventType.Added, "a")], Changes());

        await _cluster.PatchAsync("a", """{"spec":{"role":"Viewer"}}""");
        await _cluster.CreateAsync(TestCluster.Share("b"));
        await _cluster.DeleteAsync("a");

        await WaitForChangesAsync(4);
        Assert.Equal([(InformerEventType.Added, "a"), (InformerEventType.Updated, "a"), (InformerEventType.Added, "b"), (InformerEventType.Deleted, "a")], Changes());
        Assert.Null(_informer.Cache.Get(new ResourceKey(TestCluster.Namespace, "a")));
        Assert.Equal("Editor", _informer.Cache.Get(new ResourceKey(TestCluster.Namespace, "b"))!.Spec.Role);
    }

    [Fact]
    public async Task Resumes_after_a_dropped_watch_without_missing_or_repeating_a_change()
    {
        await _cluster.CreateAsync(TestCluster.Share("a"));
        await StartAsync();

        await DropWatchAndHoldAsync();
        await _cluster.PatchAsync("a", """{"spec":{"role":"Viewer"}}""");
        await _cluster.CreateAsync(TestCluster.Share("b"));
        _source.Reopen();

        await WaitForChangesAsync(3);
        await _cluster.CreateAsync(TestCluster.Share("c"));
        await WaitForChangesAsync(4);
        Assert.Equal([(InformerEventType.Added, "a"), (InformerEventType.Updated, "a"), (InformerEventType.Added, "b"), (InformerEventType.Added, "c")], Changes());
        Assert.Equal(1, _source.Lists);
        Assert.True(_source.Watches >= 2);
        Assert.Equal("Viewer", _informer.Cache.Get(new ResourceKey(TestCluster.Namespace, "a"))!.Spec.Role);
    }

    [Fact]
    public async Task Relists_after_410_Gone_and_reports_only_what_changed_meanwhile()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await _cluster.CreateAsync(TestCluster.Share(name));
        }

        await StartAsync();

        await DropWatchAndHoldAsync();
        await _cluster.PatchAsync("a", """{"spec":{"role":"Viewer"}}""");
        await _cluster.DeleteAsync("b");
        await _cluster.CreateAsync(TestCluster.Share("d", hub: "linkedin"));
        _cluster.Server.CompactHistory();
        _source.Reopen();

        await WaitForChangesAsync(6);
        await _cluster.PatchAsync("c", """{"spec":{"role":"Admin"}}""");
        await WaitForChangesAsync(7);

        var changes = Changes();
        Assert.Equal(7, changes.Count);
        Assert.Equal([(InformerEventType.Added, "a"), (InformerEventType.Added, "b"), (InformerEventType.Added, "c")], changes[..3]);

        // A relist reports the differences from the cache (updates and adds, then deletes), not the order they happened in.
        Assert.Equal(
            [(InformerEventType.Added, "d"), (InformerEventType.Deleted, "b"), (InformerEventType.Updated, "a")],
            changes[3..6].OrderBy(c => c.Item2 == "d" ? 0 : c.Item2 == "b" ? 1 : 2));
        Assert.Equal((InformerEventType.Updated, "c"), changes[6]);
        Assert.Equal(2, _source.Lists);
        Assert.Contains(410, _source.ErrorCodes);
        Assert.Equal(["a", "c"], _informer.Cache.ByIndex("byHub", "default/meta-main").Select(s => s.Metadata.Name).Order());
        Assert.Equal(["d"], _informer.Cache.ByIndex("byHub", "default/linkedin").Select(s => s.Metadata.Name));
    }

    private async Task StartAsync()
    {
        _running = _informer.RunAsync(_stop.Token);
        await Eventually.Within(_informer.WaitForSyncAsync(CancellationToken.None));
    }

    /// <summary>Drops the open watch and keeps the next one waiting until <see cref="GatedListWatch{T}.Reopen"/>.</summary>
    private async Task DropWatchAndHoldAsync()
    {
        await Eventually.TrueAsync(() => _cluster.Server.OpenWatchCount == 1, "the informer's watch is open");
        _source.Close();
        _cluster.Server.DropWatches();
        await Eventually.TrueAsync(() => _cluster.Server.OpenWatchCount == 0, "the watch is dropped");
    }

    private Task WaitForChangesAsync(int count) => Eventually.TrueAsync(() => Changes().Count >= count, $"{count} informer events");

    private List<(InformerEventType, string)> Changes()
    {
        lock (_events)
        {
            return [.. _events.Select(e => (e.Type, e.Name))];
        }
    }
}
