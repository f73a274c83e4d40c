using Cerby.Operator.Runtime.Events;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>
/// The operator's events as <c>kubectl describe</c> shows them: kubectl (v1.32) sorts events by <c>lastTimestamp</c>
/// and prints "(xN over …)" from <c>count</c>, so the recorder writes core/v1 events with both, as client-go's does.
/// </summary>
public sealed class KubectlDescribeEventsTests : IAsyncLifetime
{
    private readonly string cacheDirectory = Path.Combine(Path.GetTempPath(), $"cerby-kubectl-cache-{Guid.NewGuid():N}");
    private KubeApiServer.KubeApiServer server = null!;
    private Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        server = await KubeApiServer.KubeApiServer.StartAsync();
        client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
        if (Directory.Exists(cacheDirectory))
        {
            Directory.Delete(cacheDirectory, recursive: true);
        }
    }

    // Every age is 10 minutes or more, which kubectl prints in whole minutes however long the test takes to get there.
    [Fact]
    public async Task Describe_lists_the_events_oldest_first_with_their_count_and_age()
    {
        var regarding = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "hub-settings" } }, "default");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-60));
        var recorder = new EventRecorder(client, new EventRecorderOptions { ReportingInstance = "cerby-operator-0" }, time, NullLogger<EventRecorder>.Instance);

        await recorder.NormalAsync(regarding, "UserInvited", "Reconcile", "invited ana@example.com", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        await recorder.NormalAsync(regarding, "UserProvisioned", "Reconcile", "provisioned ana@example.com", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        await recorder.WarningAsync(regarding, "HubMissing", "Reconcile", "hub meta-main not found", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        await recorder.NormalAsync(regarding, "AssetGranted", "Reconcile", "granted Editor to 3 users", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        await recorder.NormalAsync(regarding, "AssetRevoked", "Reconcile", "revoked Viewer from 1 user", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(8));
        await recorder.WarningAsync(regarding, "HubMissing", "Reconcile", "hub meta-main not found", CancellationToken.None);

        var described = (await new Kubectl(server.KubeconfigPath, cacheDirectory).RunAsync("describe", "configmap", "hub-settings")).Succeeded();

        var events = described[described.IndexOf("Events:", StringComparison.Ordinal)..]
            .Split('\n').Where(line => line.Contains("access.cerby.io/cerby-operator", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();
        Assert.Equal(5, events.Count);
        Assert.Matches(@"^Normal\s+UserInvited\s+60m\s+access\.cerby\.io/cerby-operator\s+invited ana@example\.com$", events[0]);
        Assert.Matches(@"^Normal\s+UserProvisioned\s+50m\s+access\.cerby\.io/cerby-operator\s+provisioned ana@example\.com$", events[1]);
        Assert.Matches(@"^Normal\s+AssetGranted\s+30m\s+access\.cerby\.io/cerby-operator\s+granted Editor to 3 users$", events[2]);
        Assert.Matches(@"^Normal\s+AssetRevoked\s+20m\s+access\.cerby\.io/cerby-operator\s+revoked Viewer from 1 user$", events[3]);
        Assert.Matches(@"^Warning\s+HubMissing\s+12m \(x2 over 40m\)\s+access\.cerby\.io/cerby-operator\s+hub meta-main not found$", events[4]);
    }
}
