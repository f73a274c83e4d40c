using Cerby.Operator.Runtime.Events;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>Aggregated, best-effort events through events.k8s.io/v1.</summary>
public sealed class EventRecorderIntegrationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_same_event_twice_is_one_object_with_a_series_count_of_two()
    {
        var share = await _cluster.CreateAsync(TestCluster.Share("a"));
        var recorder = Recorder(_cluster.Client);

        await recorder.WarningAsync(share, "HubMissing", "Reconcile", "hub meta-main not found", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await recorder.WarningAsync(share, "HubMissing", "Reconcile", "hub meta-main not found", CancellationToken.None);
        await recorder.NormalAsync(share, "Granted", "Reconcile", "granted Editor to 3 users", CancellationToken.None);

        var events = (await _cluster.Client.EventsV1.ListNamespacedEventAsync(TestCluster.Namespace)).Items;
        Assert.Equal(2, events.Count);
        var repeated = Assert.Single(events, e => e.Reason == "HubMissing");
        Assert.Equal(2, repeated.Series!.Count);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, repeated.Series.LastObservedTime);
        Assert.Equal(("Warning", "hub meta-main not found", "access.cerby.io/cerby-operator", "cerby-operator-0"),
            (repeated.Type, repeated.Note, repeated.ReportingController, repeated.ReportingInstance));
        Assert.Equal(("TeamShare", "a", share.Metadata.Uid), (repeated.Regarding.Kind, repeated.Regarding.Name, repeated.Regarding.Uid));
        Assert.Null(Assert.Single(events, e => e.Reason == "Granted").Series);
    }

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
