using System.Net;
using Cerby.KubeApiServer;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.LeaderElection;
using Cerby.Operator.Runtime.Objects;
using Cerby.Operator.Tests.Runtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Tests.Charts;

/// <summary>
/// The API requests of a real run of the operator runtime against the test API server: the host (informers of the four
/// kinds across all namespaces, leader election, probes) with one controller whose reconciler does what the domain
/// reconcilers will do to a TeamShare: read it from the cache, add the cleanup finalizer, write status, record an Event
/// (twice, so the repeat is counted by an update), until stopped, which releases the Lease. Only requests made while the
/// operator ran are kept. <see cref="AllNamespacesRun"/> watches every namespace (the chart's default), and
/// <see cref="OneNamespaceRun"/> only <c>default</c> (the chart with <c>watchNamespaces</c>).
/// </summary>
public abstract class OperatorRunRecording : IAsyncLifetime
{
    private TestCluster cluster = null!;

    /// <summary>The operator's --namespaces; empty: all.</summary>
    protected abstract IReadOnlyList<string> Namespaces { get; }

    public IReadOnlyList<RecordedRequest> Requests { get; private set; } = [];

    public async Task InitializeAsync()
    {
        cluster = await TestCluster.StartAsync();
        await cluster.CreateAsync(TestCluster.Share("a"));
        var before = cluster.Server.Requests.Count;

        var reconciles = 0;
        await using (var host = OperatorHost.Build(
            new OperatorOptions { Address = "127.0.0.1:0", Namespaces = Namespaces, LeaseNamespace = TestCluster.Namespace, PodName = "cerby-operator-0" },
            cluster.Config,
            services => [new Controller(
                    "teamshares",
                    new WritingReconciler(services, () => Interlocked.Increment(ref reconciles)),
                    services.GetRequiredService<InformerSet>(), new ControllerOptions(), TimeProvider.System, NullLogger.Instance)
                .For<TeamShare>()],
            new LeaderElectionOptions
            {
                LeaseNamespace = "", LeaseName = "", Identity = "",
                LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(5), RetryPeriod = TimeSpan.FromMilliseconds(200),
            }))
        {
            await host.StartAsync();
            var baseUri = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient();
            await Eventually.TrueAsync(async () => (await http.GetAsync(new Uri(baseUri, "/readyz"))).StatusCode == HttpStatusCode.OK, "ready");
            await Eventually.TrueAsync(() => Volatile.Read(ref reconciles) >= 2, "the share reconciled twice (writes, then the repeat)");
            await host.StopAsync();
        }

        Requests = [.. cluster.Server.Requests.Skip(before)];
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    /// <summary>Finalizer, status and an Event for each TeamShare, as a domain reconciler would write them.</summary>
    private sealed class WritingReconciler(IServiceProvider services, Action reconciled) : IReconciler
    {
        public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
        {
            if (services.GetRequiredService<InformerSet>().Get<TeamShare>().Cache.Get(key) is not { } share)
            {
                return ReconcileResult.Success;
            }

            await services.GetRequiredService<FinalizerWriter>().AddAsync(share, Finalizers.Cleanup, cancellationToken);
            await services.GetRequiredService<StatusWriter>().UpdateAsync(share, copy =>
            {
                var status = copy.Status ?? new TeamShareStatus();
                Conditions.Set(status.Conditions, "Ready", ConditionStatus.True, "Applied", "applied", copy.Metadata.Generation ?? 0, TimeProvider.System);
                copy.Status = status with { ObservedGeneration = copy.Metadata.Generation ?? 0 };
            }, cancellationToken);
            // Every path of the event recorder: a create, a repeat (patch), and the same event seen by a recorder that
            // did not write it, as a new leader would (409, get, update).
            var recorder = services.GetRequiredService<EventRecorder>();
            await recorder.NormalAsync(share, "Applied", "Reconcile", "applied the share", cancellationToken);
            await recorder.NormalAsync(share, "Applied", "Reconcile", "applied the share", cancellationToken);
            await ActivatorUtilities.CreateInstance<EventRecorder>(services).NormalAsync(share, "Applied", "Reconcile", "applied the share", cancellationToken);
            reconciled();
            return ReconcileResult.Success;
        }
    }
}

/// <summary>A recorded run of the operator watching all namespaces.</summary>
public sealed class AllNamespacesRun : OperatorRunRecording
{
    protected override IReadOnlyList<string> Namespaces => [];
}

/// <summary>A recorded run of the operator watching only the namespace <c>default</c>.</summary>
public sealed class OneNamespaceRun : OperatorRunRecording
{
    protected override IReadOnlyList<string> Namespaces => [TestCluster.Namespace];
}
