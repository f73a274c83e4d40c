using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.LeaderElection;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>Two operator instances on one Lease: only the leader reconciles; the other takes over when it stops.</summary>
public sealed class LeaderElectionIntegrationTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _informers = [];
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_informers).WaitAsync(TimeSpan.FromSeconds(10));
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Only_the_leader_reconciles_and_a_standby_takes_over_at_once_when_it_stops()
    {
        await _cluster.CreateAsync(TestCluster.Share("s1"));
        var first = StartInstance("pod-a");
        var second = StartInstance("pod-b");
        await first.Service.StartAsync(CancellationToken.None);
        await second.Service.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => first.Reconciler.Calls.Count + second.Reconciler.Calls.Count > 0, "a leader reconciles");
        var (leader, standby) = first.Reconciler.Calls.Count > 0 ? (first, second) : (second, first);
        await _cluster.CreateAsync(TestCluster.Share("s2", hub: "linkedin"));
        await Eventually.TrueAsync(() => leader.Reconciler.CallsFor("linkedin") == 1, "the leader reconciles a new change");

        Assert.True(leader.State.IsLeader);
        Assert.False(standby.State.IsLeader);
        Assert.Empty(standby.Reconciler.Calls);
        Assert.True(standby.State.IsHealthy(TimeSpan.FromSeconds(30)));
        Assert.Equal(leader.Options.Identity, (await ReadLeaseAsync()).Spec.HolderIdentity);

        // The lease lasts 15 s; taking over well before that shows the leader released it on shutdown.
        var stopped = DateTime.UtcNow;
        await leader.Service.StopAsync(CancellationToken.None);
        Assert.False(leader.State.IsLeader);
        await Eventually.TrueAsync(() => standby.Reconciler.CallsFor("meta-main") == 1 && standby.Reconciler.CallsFor("linkedin") == 1,
            "the standby takes over and reconciles everything", TimeSpan.FromSeconds(10));
        Assert.True(DateTime.UtcNow - stopped < TimeSpan.FromSeconds(10));
        Assert.True(standby.State.IsLeader);
        Assert.Equal(standby.Options.Identity, (await ReadLeaseAsync()).Spec.HolderIdentity);

        await standby.Service.StopAsync(CancellationToken.None);
        Assert.Equal("", (await ReadLeaseAsync()).Spec.HolderIdentity);
    }

    private Task<k8s.Models.V1Lease> ReadLeaseAsync() =>
        _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("cerby-test-leader", TestCluster.Namespace);

    private Instance StartInstance(string pod)
    {
        var informers = OperatorInformers.Create(
            _cluster.Client, [TestCluster.Namespace], new InformerOptions { ResyncInterval = TimeSpan.Zero }, TimeProvider.System, NullLoggerFactory.Instance);
        _informers.Add(informers.RunAsync(_stop.Token));
        var reconciler = new RecordingReconciler();
        var controller = new Controller("hubs", reconciler, informers, new ControllerOptions(), TimeProvider.System, NullLogger.Instance)
            .Watches<TeamShare>(share => [new ResourceKey(share.Metadata.NamespaceProperty, share.Spec.HubRef.Name)]);
        var options = new LeaderElectionOptions
        {
            LeaseNamespace = TestCluster.Namespace,
            LeaseName = "cerby-test-leader",
            Identity = $"{pod}_{Guid.NewGuid():N}",
            LeaseDuration = TimeSpan.FromSeconds(15),
            RenewDeadline = TimeSpan.FromSeconds(5),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        };
        var state = new LeadershipState(TimeProvider.System);
        var service = new LeaderElectionService(
            _cluster.Client, options, new ControllerSet([controller]), state, TimeProvider.System, NullLogger<LeaderElectionService>.Instance);
        return new Instance(service, reconciler, state, options);
    }

    private sealed record Instance(LeaderElectionService Service, RecordingReconciler Reconciler, LeadershipState State, LeaderElectionOptions Options);
}
