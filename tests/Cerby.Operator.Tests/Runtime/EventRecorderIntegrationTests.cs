using Cerby.Operator.Runtime.Events;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>Aggregated, best-effort core/v1 events, with count and timestamps as client-go's recorder writes them.</summary>
public sealed class EventRecorderIntegrationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_same_event_twice_is_one_object_with_a_count_of_two_and_its_last_timestamp()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        var recorder = Recorder(_cluster.Client);

        await recorder.WarningAsync(share, "HubMissing", "Reconcile", "hub meta-main not found", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await recorder.WarningAsync(share, "HubMissing", "Reconcile", "hub meta-main not found", CancellationToken.None);
        await recorder.NormalAsync(share, "Granted", "Reconcile", "granted Editor to 3 users", CancellationToken.None);

        var events = (await _cluster.Client.CoreV1.ListNamespacedEventAsync(TestCluster.Namespace)).Items;
        Assert.Equal(2, events.Count);
        var repeated = Assert.Single(events, e => e.Reason == "HubMissing");
        Assert.Equal(2, repeated.Count);
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddMinutes(-1), repeated.FirstTimestamp);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, repeated.LastTimestamp);
        Assert.Equal(("Warning", "hub meta-main not found", "access.cerby.io/cerby-operator", "cerby-operator-0"),
            (repeated.Type, repeated.Message, repeated.ReportingComponent, repeated.ReportingInstance));
        Assert.Equal("access.cerby.io/cerby-operator", repeated.Source.Component);
        Assert.Equal(("TeamShare", "a", share.Metadata.Uid), (repeated.InvolvedObject.Kind, repeated.InvolvedObject.Name, repeated.InvolvedObject.Uid));
        var once = Assert.Single(events, e => e.Reason == "Granted");
        Assert.Equal(1, once.Count);
        Assert.Equal(once.FirstTimestamp, once.LastTimestamp);
    }

    [Fact]
    public async Task An_event_costs_one_request_a_create_the_first_time_and_a_patch_for_each_repeat_with_no_read()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        var recorder = Recorder(_cluster.Client);
        var before = EventRequests().Count;

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await recorder.NormalAsync(share, "UserProvisioned", "Apply", "provisioned ana@example.com", CancellationToken.None);
        }

        var verbs = EventRequests().Skip(before).Select(r => r.Verb).ToArray();
        Assert.Equal(["create", "patch", "patch", "patch", "patch"], verbs);
        var stored = Assert.Single((await _cluster.Client.CoreV1.ListNamespacedEventAsync(TestCluster.Namespace)).Items);
        Assert.Equal(5, stored.Count);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, stored.LastTimestamp);
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddSeconds(-40), stored.FirstTimestamp);
    }

    [Fact]
    public async Task An_event_another_replica_wrote_is_counted_on_and_one_deleted_meanwhile_starts_again()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        await Recorder(_cluster.Client).WarningAsync(share, "ApplyFailed", "Apply", "the app answered 503", CancellationToken.None);

        var other = Recorder(_cluster.Client); // a new leader: it has not seen the event
        await other.WarningAsync(share, "ApplyFailed", "Apply", "the app answered 503", CancellationToken.None);
        var counted = Assert.Single((await _cluster.Client.CoreV1.ListNamespacedEventAsync(TestCluster.Namespace)).Items);
        Assert.Equal(2, counted.Count);

        await _cluster.Client.CoreV1.DeleteNamespacedEventAsync(counted.Metadata.Name, TestCluster.Namespace);
        await other.WarningAsync(share, "ApplyFailed", "Apply", "the app answered 503", CancellationToken.None);
        var restarted = Assert.Single((await _cluster.Client.CoreV1.ListNamespacedEventAsync(TestCluster.Namespace)).Items);
        Assert.Equal(1, restarted.Count);
    }

    private List<KubeApiServer.RecordedRequest> EventRequests() =>
        _cluster.Server.Requests.Where(r => r.Resource == "events" && r.Verb != "list" && r.Verb != "delete").ToList();

    [Fact]
    public async Task A_failure_to_record_is_logged_not_thrown()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        using var unreachable = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });

        await Recorder(unreachable).NormalAsync(share, "Granted", "Reconcile", "granted", CancellationToken.None);
    }

    private EventRecorder Recorder(IKubernetes client) =>
        new(client, new EventRecorderOptions { ReportingInstance = "cerby-operator-0" }, _time, NullLogger<EventRecorder>.Instance);
}
