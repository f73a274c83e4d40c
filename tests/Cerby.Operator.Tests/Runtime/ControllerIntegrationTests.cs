using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.WorkQueues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>The controller host: mapped watches, errors into backoff, RequeueAfter, terminal results.</summary>
public sealed class ControllerIntegrationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private TestCluster _cluster = null!;
    private InformerSet _informers = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _informers = OperatorInformers.Create(
            _cluster.Client, [TestCluster.Namespace], new InformerOptions { ResyncInterval = TimeSpan.Zero }, TimeProvider.System, NullLoggerFactory.Instance);
        _running.Add(_informers.RunAsync(_stop.Token));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(10));
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_share_change_enqueues_its_hub_and_a_failed_reconcile_is_retried_with_backoff()
    {
        var reconciler = new RecordingReconciler((key, call) => key.Name == "meta-main" && call == 1
            ? throw new InvalidOperationException("app unreachable")
            : ReconcileResult.Success);
        Start(reconciler);

        await _cluster.CreateAsync(TestCluster.Share("s", hub: "meta-main"));
        await Eventually.TrueAsync(() => reconciler.CallsFor("meta-main") == 1, "first reconcile of the hub");
        await Eventually.TrueAsync(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            return reconciler.CallsFor("meta-main") == 2;
        }, "retry after backoff");

        await _cluster.PatchAsync("s", """{"spec":{"hubRef":{"name":"linkedin"}}}""");

        await Eventually.TrueAsync(() => reconciler.CallsFor("linkedin") == 1 && reconciler.CallsFor("meta-main") == 3, "both hubs reconciled after the move");
        Assert.All(reconciler.Calls, key => Assert.Equal(TestCluster.Namespace, key.Namespace));
    }

    [Fact]
    public async Task RequeueAfter_runs_the_key_again_after_the_delay_and_terminal_results_are_not_retried()
    {
        var polls = new List<DateTimeOffset>();
        var reconciler = new RecordingReconciler((key, _) =>
        {
            if (key.Name != "poll")
            {
                return ReconcileResult.Terminal("role Owner is not a hub role");
            }

            lock (polls)
            {
                polls.Add(_time.GetUtcNow());
            }

            return ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(5));
        });
        Start(reconciler);

        await _cluster.CreateAsync(TestCluster.Share("s1", hub: "poll"));
        await _cluster.CreateAsync(TestCluster.Share("s2", hub: "broken"));
        await Eventually.TrueAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            return reconciler.CallsFor("poll") >= 3;
        }, "two requeued reconciles");

        lock (polls)
        {
            Assert.All(polls.Zip(polls.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6)));
        }

        Assert.Equal(1, reconciler.CallsFor("broken"));
    }

    [Fact]
    public async Task A_success_that_asks_a_resync_runs_again_after_the_delay_and_counts_as_success()
    {
        var reconciler = new RecordingReconciler((_, call) => call == 1 ? ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)) : ReconcileResult.ResyncAfter(TimeSpan.FromMinutes(10)));
        const string name = "resync-metrics";
        var controller = new Controller(name, reconciler, _informers, new ControllerOptions { Workers = 1 }, _time, NullLogger.Instance)
            .Watches<TeamShare>(share => [new ResourceKey(share.Metadata.NamespaceProperty, share.Spec.HubRef.Name)]);
        _running.Add(controller.RunAsync(_stop.Token));

        await _cluster.CreateAsync(TestCluster.Share("s", hub: "resync"));
        await Eventually.TrueAsync(() =>
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            return reconciler.CallsFor("resync") >= 3;
        }, "a retry, then a success, then its resync");

        Assert.Equal(1, RuntimeMetrics.ReconcileTotal.WithLabels(name, "requeue_after").Value);
        Assert.True(RuntimeMetrics.ReconcileTotal.WithLabels(name, "success").Value >= 2);
    }

    [Fact]
    public async Task A_controller_that_restarts_reconciles_every_cached_object_again()
    {
        var reconciler = new RecordingReconciler();
        await _cluster.CreateAsync(TestCluster.Share("s", hub: "meta-main"));
        using var firstRun = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var controller = NewController(reconciler);
        var run = controller.RunAsync(firstRun.Token);
        await Eventually.TrueAsync(() => reconciler.CallsFor("meta-main") == 1, "first run");

        await firstRun.CancelAsync();
        await Eventually.Within(run);
        _running.Add(controller.RunAsync(_stop.Token));

        await Eventually.TrueAsync(() => reconciler.CallsFor("meta-main") == 2, "second run");
    }

    private void Start(IReconciler reconciler) => _running.Add(NewController(reconciler).RunAsync(_stop.Token));

    private Controller NewController(IReconciler reconciler) =>
        new Controller("hubs", reconciler, _informers, new ControllerOptions
        {
            Workers = 2,
            Queue = new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(50) },
        }, _time, NullLogger.Instance)
            .For<BusinessHub>()
            .Watches<TeamShare>(share => [new ResourceKey(share.Metadata.NamespaceProperty, share.Spec.HubRef.Name)]);
}
