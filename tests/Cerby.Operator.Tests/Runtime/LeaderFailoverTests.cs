using System.Collections.Concurrent;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.LeaderElection;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>
/// Failover with the operator's default Lease timings (those of <c>run</c> and the chart): a leader that dies without
/// releasing the Lease is replaced within <see cref="LeaderElectionOptions.TakeoverBound"/>, the old one has stopped
/// leading by then, and the new leader's controllers reconcile at once. Measured on the Lease object.
/// </summary>
public sealed class LeaderFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Scheduling slack on a loaded 2-core machine; the bound itself comes from the timings.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);
    private const string LeaseName = "cerby-failover-test";

    // What the README and the chart promise for a leader that dies without releasing its Lease.
    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _informers = [];
    private readonly List<Instance> _instances = [];
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.Service.StopAsync(CancellationToken.None);
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_informers).WaitAsync(TimeSpan.FromSeconds(10));
        await _cluster.DisposeAsync();
    }

    [Fact]
    public void The_run_command_and_the_election_share_default_timings_that_bound_a_takeover_under_15_seconds()
    {
        var defaults = new OperatorOptions();
        var election = new LeaderElectionOptions { LeaseNamespace = "", LeaseName = "", Identity = "" };

        Assert.Equal((election.LeaseDuration, election.RenewDeadline, election.RetryPeriod), (defaults.LeaseDuration, defaults.RenewDeadline, defaults.RetryPeriod));
        Assert.True(election.TakeoverBound < Promised, $"takeover bound {election.TakeoverBound}");
        // A leader cut off from the API gives up before anyone may take over.
        Assert.True(election.RetryPeriod + election.RenewDeadline < election.LeaseDuration);
    }

    [Fact]
    public async Task A_killed_leader_is_replaced_within_the_lease_bound_and_the_new_leader_reconciles_at_once()
    {
        await _cluster.CreateAsync(TestCluster.Share("s1"));
        var first = Start("pod-a");
        var second = Start("pod-b");
        await first.Service.StartAsync(CancellationToken.None);
        await second.Service.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => first.Reconciled.Count + second.Reconciled.Count > 0, "a leader reconciles");
        var (leader, standby) = first.Reconciled.Count > 0 ? (first, second) : (second, first);
        await Eventually.TrueAsync(() => standby.State.IsHealthy(TimeSpan.FromSeconds(5)), "the standby reads the Lease");

        // Killed: from now on the leader's requests never reach the API server, and it releases nothing.
        var lastRenewal = (await ReadLeaseAsync()).Spec.RenewTime!.Value;
        var killed = DateTime.UtcNow;
        leader.Network.Cut();

        V1Lease lease = null!;
        await Eventually.TrueAsync(
            async () => (lease = await ReadLeaseAsync()).Spec.HolderIdentity == standby.Options.Identity,
            "the standby takes the Lease", leader.Options.TakeoverBound + TimeSpan.FromSeconds(10));
        var takeover = DateTime.UtcNow - killed;
        Assert.False(leader.State.IsLeader, "the old leader still led when the standby took over");
        await Eventually.TrueAsync(() => !standby.Reconciled.IsEmpty, "the new leader reconciles", TimeSpan.FromSeconds(5));
        var acquired = lease.Spec.AcquireTime!.Value;
        var firstReconcile = standby.Reconciled.Min();
        output.WriteLine(
            $"killed leader: Lease taken {takeover.TotalSeconds:F1} s after the kill ({(acquired - lastRenewal).TotalSeconds:F1} s after its last renewal), " +
            $"first reconcile {(firstReconcile - acquired).TotalMilliseconds:F0} ms after acquiring; bound {leader.Options.TakeoverBound.TotalSeconds} s");

        Assert.True(takeover < leader.Options.TakeoverBound + Slack, $"takeover took {takeover.TotalSeconds:F1} s");
        Assert.True(takeover < Promised, $"takeover took {takeover.TotalSeconds:F1} s");
        Assert.True(acquired - lastRenewal >= leader.Options.LeaseDuration - TimeSpan.FromMilliseconds(100), "taken before the lease expired");
        Assert.True(firstReconcile - acquired < TimeSpan.FromSeconds(1), $"first reconcile {(firstReconcile - acquired).TotalMilliseconds:F0} ms after acquiring");
    }

    [Fact]
    public async Task A_stopping_leader_hands_over_within_two_retry_periods()
    {
        await _cluster.CreateAsync(TestCluster.Share("s1"));
        var first = Start("pod-a");
        var second = Start("pod-b");
        await first.Service.StartAsync(CancellationToken.None);
        await second.Service.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => first.Reconciled.Count + second.Reconciled.Count > 0, "a leader reconciles");
        var (leader, standby) = first.Reconciled.Count > 0 ? (first, second) : (second, first);

        var stopped = DateTime.UtcNow;
        await leader.Service.StopAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => (await ReadLeaseAsync()).Spec.HolderIdentity == standby.Options.Identity, "the standby takes the Lease");
        var handover = DateTime.UtcNow - stopped;
        await Eventually.TrueAsync(() => !standby.Reconciled.IsEmpty, "the new leader reconciles", TimeSpan.FromSeconds(5));
        output.WriteLine($"stopped leader: Lease taken {handover.TotalSeconds:F1} s after the stop began");

        Assert.True(handover < standby.Options.RetryPeriod * 2 + Slack, $"hand-over took {handover.TotalSeconds:F1} s");
    }

    private Task<V1Lease> ReadLeaseAsync() => _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, TestCluster.Namespace);

    private Instance Start(string pod)
    {
        var network = new CuttableNetwork();
        var client = new Kubernetes(_cluster.Config, network);
        var informers = OperatorInformers.Create(
            _cluster.Client, [TestCluster.Namespace], new InformerOptions { ResyncInterval = TimeSpan.Zero }, TimeProvider.System, NullLoggerFactory.Instance);
        _informers.Add(informers.RunAsync(_stop.Token));
        var reconciler = new TimedReconciler();
        var controller = new Controller("hubs", reconciler, informers, new ControllerOptions(), TimeProvider.System, NullLogger.Instance)
            .Watches<TeamShare>(share => [new ResourceKey(share.Metadata.NamespaceProperty, share.Spec.HubRef.Name)]);
        // The defaults: what `cerby-operator run` and the chart use.
        var options = new LeaderElectionOptions { LeaseNamespace = TestCluster.Namespace, LeaseName = LeaseName, Identity = $"{pod}_{Guid.NewGuid():N}" };
        var state = new LeadershipState(TimeProvider.System);
        var service = new LeaderElectionService(
            client, options, new ControllerSet([controller]), state, TimeProvider.System, NullLogger<LeaderElectionService>.Instance);
        var instance = new Instance(service, reconciler.Calls, state, options, network);
        _instances.Add(instance);
        return instance;
    }

    private sealed record Instance(
        LeaderElectionService Service, ConcurrentQueue<DateTime> Reconciled, LeadershipState State, LeaderElectionOptions Options, CuttableNetwork Network);

    /// <summary>Records when each reconcile happened.</summary>
    private sealed class TimedReconciler : IReconciler
    {
        public ConcurrentQueue<DateTime> Calls { get; } = new();

        public Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
        {
            Calls.Enqueue(DateTime.UtcNow);
            return Task.FromResult(ReconcileResult.Success);
        }
    }

    /// <summary>Once cut, requests hang until cancelled, as to a process that was killed or frozen.</summary>
    private sealed class CuttableNetwork : DelegatingHandler
    {
        private volatile bool _cut;

        public void Cut() => _cut = true;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cut)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
