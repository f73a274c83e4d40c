using System.Diagnostics;
using Cerby.KubeApiServer;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Bench.Runtime;

/// <summary>
/// Issue 4's start-up figure: 10,000 TeamShares exist when the operator starts; how long until every one has been
/// reconciled (cache synced, status written through the status subresource), in objects per second, and what the
/// managed heap did. The API server runs in the same process, so heap figures include its copies (said in the output).
/// </summary>
internal static class StartupReconcile
{
    private const string Namespace = "default";

    public static async Task RunAsync(TextWriter output, int shares = 10_000, int workers = 4)
    {
        await using var server = await KubeApiServer.KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            CrdDirectory = Path.Combine(RepoRoot(), "crds"),
            HistoryLimit = shares * 4,
        });
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));

        var creating = Stopwatch.StartNew();
        await Parallel.ForAsync(0, shares, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(Share(i), ApiGroup.Group, ApiGroup.Version, Namespace, TeamShare.Plural, cancellationToken: ct));
        output.WriteLine($"created {shares:N0} TeamShares in the test API server in {creating.Elapsed.TotalSeconds:F1} s (setup, not measured)");

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var informers = OperatorInformers.Create(client, [Namespace], new InformerOptions { ResyncInterval = TimeSpan.Zero }, TimeProvider.System, NullLoggerFactory.Instance);
        var runningInformers = informers.RunAsync(stop.Token);
        await informers.WaitForSyncAsync(stop.Token);
        var synced = clock.Elapsed;
        var heapSynced = GC.GetTotalMemory(forceFullCollection: true);

        var reconciler = new StatusWritingReconciler(informers, new StatusWriter(client, NullLogger<StatusWriter>.Instance), TimeProvider.System);
        var controller = new Controller("teamshare", reconciler, informers, new ControllerOptions { Workers = workers }, TimeProvider.System, NullLogger.Instance)
            .For<TeamShare>();
        var runningController = controller.RunAsync(stop.Token);

        var peakHeap = heapSynced;
        var deadline = TimeSpan.FromMinutes(10);
        while (reconciler.Written < shares)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"only {reconciler.Written:N0} of {shares:N0} reconciled after {deadline}");
            }

            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            await Task.Delay(TimeSpan.FromMilliseconds(20), stop.Token);
        }

        var done = clock.Elapsed;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        await stop.CancelAsync();
        await Task.WhenAll(runningInformers, runningController).ContinueWith(_ => { }, TaskScheduler.Default);

        output.WriteLine($"start-up reconcile of {shares:N0} TeamShares ({workers} workers; each reconcile reads the cache and writes status):");
        output.WriteLine($"  informer list + sync: {synced.TotalSeconds:F2} s");
        output.WriteLine($"  every share reconciled, from start: {done.TotalSeconds:F2} s = {shares / done.TotalSeconds:N0} objects/s " +
                         $"(reconcile phase alone: {shares / (done - synced).TotalSeconds:N0} objects/s)");
        output.WriteLine($"  managed heap: informer cache of {shares:N0} shares +{Mb(heapSynced - heapBefore)} MB; " +
                         $"after reconciling +{Mb(heapAfter - heapBefore)} MB over the start (includes the in-process API server's status history); " +
                         $"sampled peak {Mb(peakHeap)} MB of which {Mb(heapBefore)} MB existed before start (server data, runtime)");
    }

    private static TeamShare Share(int i) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"share-{i:D5}", NamespaceProperty = Namespace },
        Spec = new TeamShareSpec
        {
            HubRef = new LocalObjectReference { Name = $"hub-{i % 1000:D3}" },
            Subject = new ShareSubject { Team = $"team-{i % 5000:D4}" },
            Role = "Editor",
        },
    };

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cerby.Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the repository: Cerby.Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
