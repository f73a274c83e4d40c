using System.Text.Json.Nodes;
using Cerby.KubeApiServer;
using k8s;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>KubernetesClient watches against the test server: framing, resume, bookmarks, 410, dropped connections.</summary>
public sealed class KubernetesClientWatchTests
{
    [Fact]
    public async Task A_watch_from_a_resource_version_streams_the_later_changes_in_order()
    {
        await using var session = await ApiSession.StartAsync();
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("before", ApiSession.Ns));
        var from = await session.ListVersionAsync();
        using var watch = session.Watch(from);

        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("after", ApiSession.Ns));
        await TeamShares.PatchAsync(session.Client, ApiSession.Ns, "after", JsonNode.Parse("""{"spec":{"role":"Viewer"}}""")!);
        await session.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(TeamShares.Group, TeamShares.Version, ApiSession.Ns, TeamShares.Plural, "after");

        var added = await watch.NextAsync();
        var modified = await watch.NextAsync();
        var deleted = await watch.NextAsync();
        Assert.Equal((WatchEventType.Added, "after"), (added.Type, Name(added.Object)));
        Assert.Equal((WatchEventType.Modified, "Viewer"), (modified.Type, modified.Object["spec"]!["role"]!.GetValue<string>()));
        Assert.Equal(2, modified.Object["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal((WatchEventType.Deleted, "after"), (deleted.Type, Name(deleted.Object)));
        Assert.True(Version(added.Object) < Version(modified.Object) && Version(modified.Object) < Version(deleted.Object));
    }

    [Fact]
    public async Task A_watch_without_a_resource_version_starts_with_the_existing_objects()
    {
        await using var session = await ApiSession.StartAsync();
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("existing", ApiSession.Ns));

        using var watch = session.Watch(resourceVersion: null);

        var first = await watch.NextAsync();
        Assert.Equal((WatchEventType.Added, "existing"), (first.Type, Name(first.Object)));
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resource_version()
    {
        await using var session = await ApiSession.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("marked", ApiSession.Ns));
        var from = await session.ListVersionAsync();

        using var watch = session.Watch(from, bookmarks: true);
        var first = await watch.NextAsync();
        var second = await watch.NextAsync();

        Assert.Equal(WatchEventType.Bookmark, first.Type);
        Assert.Equal(WatchEventType.Bookmark, second.Type);
        Assert.Equal(from, first.Object["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_compacted_resource_version_gets_410_Expired_as_an_error_event()
    {
        await using var session = await ApiSession.StartAsync();
        var stale = await session.ListVersionAsync();
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("newer", ApiSession.Ns));
        session.Server.CompactHistory();

        using var watch = session.Watch(stale);
        await watch.Ended.WaitAsync(TimeSpan.FromSeconds(10));

        var error = Assert.IsType<KubernetesException>(Assert.Single(watch.Errors));
        Assert.Equal((410, "Expired"), (error.Status.Code, error.Status.Reason));
        Assert.StartsWith($"too old resource version: {stale} (", error.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bounded_history_expires_old_resource_versions_by_itself()
    {
        await using var session = await ApiSession.StartAsync(new KubeApiServerOptions { HistoryLimit = 2 });
        var stale = await session.ListVersionAsync();
        foreach (var name in new[] { "one", "two", "three" })
        {
            await TeamShares.CreateAsync(session.Client, TeamShares.Manifest(name, ApiSession.Ns));
        }

        using var expired = session.Watch(stale);
        await expired.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(410, Assert.IsType<KubernetesException>(Assert.Single(expired.Errors)).Status.Code);

        using var recent = session.Watch(await session.ListVersionAsync(), bookmarks: true);
        Assert.Equal(WatchEventType.Bookmark, (await recent.NextAsync()).Type);
    }

    [Fact]
    public async Task Dropped_watch_connections_break_the_stream_and_a_resumed_watch_misses_nothing()
    {
        await using var session = await ApiSession.StartAsync();
        var from = await session.ListVersionAsync();
        var watch = session.Watch(from, bookmarks: true);
        Assert.Equal(WatchEventType.Bookmark, (await watch.NextAsync()).Type);

        session.Server.DropWatches();
        await watch.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        watch.Dispose();
        await Eventually.TrueAsync(() => Task.FromResult(session.Server.OpenWatchCount == 0), "the server forgets the dropped watch");
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("while-away", ApiSession.Ns));

        using var resumed = session.Watch(from);
        var next = await resumed.NextChangeAsync();
        Assert.Equal((WatchEventType.Added, "while-away"), (next.Type, Name(next.Object)));
    }

    [Fact]
    public async Task A_watch_ends_cleanly_at_its_timeout_with_a_last_bookmark()
    {
        await using var session = await ApiSession.StartAsync();
        using var watch = session.Watch(await session.ListVersionAsync(), bookmarks: true, timeoutSeconds: 1);

        await watch.Ended.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WatchEventType.Bookmark, (await watch.NextAsync()).Type);
        Assert.Equal(WatchEventType.Bookmark, (await watch.NextAsync()).Type);
        Assert.Empty(watch.Errors);
    }

    [Fact]
    public async Task A_label_selected_watch_sees_objects_enter_and_leave_the_selection()
    {
        await using var session = await ApiSession.StartAsync();
        await TeamShares.CreateAsync(session.Client, TeamShares.Manifest("labelled", ApiSession.Ns));
        using var watch = session.Watch(await session.ListVersionAsync(), labelSelector: "tier in (gold,silver)");

        await TeamShares.PatchAsync(session.Client, ApiSession.Ns, "labelled", JsonNode.Parse("""{"metadata":{"labels":{"tier":"gold"}}}""")!);
        await TeamShares.PatchAsync(session.Client, ApiSession.Ns, "labelled", JsonNode.Parse("""{"metadata":{"labels":{"tier":"bronze"}}}""")!);

        Assert.Equal(WatchEventType.Added, (await watch.NextAsync()).Type);
        Assert.Equal(WatchEventType.Deleted, (await watch.NextAsync()).Type);
    }

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static long Version(JsonObject obj) => long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
