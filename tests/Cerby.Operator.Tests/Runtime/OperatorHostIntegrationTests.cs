using System.Net;
using Cerby.Operator.Runtime.Events;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Objects;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cerby.Operator.Tests.Runtime;

/// <summary>The operator host on the test API server: probes, metrics, leader election, graceful shutdown.</summary>
public sealed class OperatorHostIntegrationTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Serves_health_readiness_and_metrics_on_one_port_and_releases_the_lease_on_shutdown()
    {
        await _cluster.CreateAsync(TestCluster.Share("a"));
        await using var host = OperatorHost.Build(
            new OperatorOptions { Address = "127.0.0.1:0", Namespaces = [TestCluster.Namespace], LeaseNamespace = TestCluster.Namespace, PodName = "cerby-operator-0" },
            _cluster.Config, _ => []);
        await host.StartAsync();
        var baseUri = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(baseUri, "/healthz"))).StatusCode);
        await Eventually.TrueAsync(async () => (await _http.GetAsync(new Uri(baseUri, "/readyz"))).StatusCode == HttpStatusCode.OK, "ready");
        Assert.Equal("Healthy", await _http.GetStringAsync(new Uri(baseUri, "/readyz")));
        var metrics = await _http.GetStringAsync(new Uri(baseUri, "/metrics"));
        Assert.Contains("cerby_informer_relists_total{kind=\"TeamShare\"}", metrics, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await ReadLeaseHolderAsync())?.StartsWith("cerby-operator-0_", StringComparison.Ordinal) == true, "leading");

        Assert.NotNull(host.Services.GetRequiredService<StatusWriter>());
        Assert.NotNull(host.Services.GetRequiredService<FinalizerWriter>());
        Assert.NotNull(host.Services.GetRequiredService<EventRecorder>());

        await host.StopAsync();

        Assert.Equal("", await ReadLeaseHolderAsync());
    }

    [Fact]
    public async Task Without_leader_election_it_is_ready_once_synced_and_takes_no_lease()
    {
        await using var host = OperatorHost.Build(
            new OperatorOptions { Address = "127.0.0.1:0", LeaderElection = false, LeaseNamespace = TestCluster.Namespace }, _cluster.Config, _ => []);
        await host.StartAsync();
        var baseUri = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await Eventually.TrueAsync(async () => (await _http.GetAsync(new Uri(baseUri, "/readyz"))).StatusCode == HttpStatusCode.OK, "ready");
        await host.StopAsync();

        Assert.Null(await ReadLeaseHolderAsync());
    }

    private async Task<string?> ReadLeaseHolderAsync()
    {
        try
        {
            return (await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(OperatorOptions.DefaultLeaseName, TestCluster.Namespace)).Spec.HolderIdentity;
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
