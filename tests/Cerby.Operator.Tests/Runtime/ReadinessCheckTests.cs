using Cerby.Operator.Resources;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.LeaderElection;
using k8s;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>/readyz: synced informers, every part able to do its job, and leading or standing by healthily.</summary>
public sealed class ReadinessCheckTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly LeaderElectionOptions _election = new() { LeaseNamespace = "cerby-system", LeaseName = "cerby-operator-leader", Identity = "pod-a_1" };

    [Fact]
    public async Task Not_ready_while_an_informer_has_not_listed_its_kind()
    {
        var informers = new InformerSet().Add(new ResourceInformer<TeamShare>([new EmptyListWatch()], new InformerOptions(), _time, NullLogger.Instance));

        var result = await Check(informers, null);

        Assert.Equal((HealthStatus.Unhealthy, "informers not synced: TeamShare"), (result.Status, result.Description));
    }

    [Fact]
    public async Task A_standby_is_ready_while_it_reaches_the_lease_and_a_leader_always()
    {
        var informers = await SyncedInformersAsync();
        var state = new LeadershipState(_time);
        Assert.Equal(HealthStatus.Unhealthy, (await Check(informers, state)).Status);

        state.RecordLeaseContact();
        Assert.Equal((HealthStatus.Healthy, "synced, standing by"), ((await Check(informers, state)).Status, (await Check(informers, state)).Description));

        _time.Advance(_election.LeaseDuration * 2 + TimeSpan.FromSeconds(1));
        Assert.Equal("cannot reach lease cerby-system/cerby-operator-leader", (await Check(informers, state)).Description);

        state.SetLeading(true);
        Assert.Equal("synced, leading", (await Check(informers, state)).Description);
    }

    [Fact]
    public async Task A_standby_is_not_ready_while_a_part_it_serves_cannot_do_its_job()
    {
        var informers = await SyncedInformersAsync();
        var state = new LeadershipState(_time);
        state.RecordLeaseContact();
        var endpoints = new Contributor { Reason = "the durable store of IdentityProvider team-a/okta-push cannot be reached" };
        var check = new ReadinessCheck(informers, state, _election, [endpoints]);

        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal((HealthStatus.Unhealthy, endpoints.Reason), (result.Status, result.Description));

        endpoints.Reason = null;
        Assert.Equal("synced, standing by", (await check.CheckHealthAsync(new HealthCheckContext())).Description);
    }

    private sealed class Contributor : IReadinessContributor
    {
        public string? Reason { get; set; }

        public string? NotReadyReason() => Reason;
    }

    private async Task<InformerSet> SyncedInformersAsync()
    {
        var informer = new ResourceInformer<TeamShare>([new EmptyListWatch()], new InformerOptions { ResyncInterval = TimeSpan.Zero }, _time, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        await Eventually.Within(informer.WaitForSyncAsync(CancellationToken.None));
        await stop.CancelAsync();
        await Eventually.Within(run);
        return new InformerSet().Add(informer);
    }

    private Task<HealthCheckResult> Check(InformerSet informers, LeadershipState? state) =>
        new ReadinessCheck(informers, state, state is null ? null : _election).CheckHealthAsync(new HealthCheckContext());

    /// <summary>An empty namespace whose watch stays open until cancelled.</summary>
    private sealed class EmptyListWatch : IListWatch<TeamShare>
    {
        public string? Namespace => "default";

        public Task<ListSnapshot<TeamShare>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(new ListSnapshot<TeamShare>([], "1"));

        public async IAsyncEnumerable<(WatchEventType Type, TeamShare Object)> WatchAsync(
            string resourceVersion, Action<Exception> onError, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }
    }
}
