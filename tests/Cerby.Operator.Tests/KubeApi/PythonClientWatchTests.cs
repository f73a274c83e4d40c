using System.Diagnostics;
using Cerby.Emulators.Tools;
using Cerby.Operator.Tests.Cli;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>
/// The official Python client (Debian's python3-kubernetes, under /usr/bin/python3): its watch sends
/// <c>watch=True</c>, and after a 410 Gone it retries once, then raises; the script then relists and watches again,
/// as the client's documentation tells. The test installs the package (apt-get, as root) the first time; skipped, with the reason, where it cannot.
/// </summary>
public sealed class PythonClientWatchTests : IAsyncLifetime
{
    private const string Script = """
        import sys
        from kubernetes import client, config, watch
        config.load_kube_config(sys.argv[1])
        v1 = client.CoreV1Api()
        stale = sys.argv[2]
        try:
            for event in watch.Watch().stream(v1.list_namespaced_config_map, "default", resource_version=stale):
                print("unexpected", event["type"], event["object"].metadata.name)
                sys.exit(3)
        except client.rest.ApiException as error:
            print("expired", error.status)
        listed = v1.list_namespaced_config_map("default")
        print("relisted", ",".join(sorted(item.metadata.name for item in listed.items)))
        v1.create_namespaced_config_map("default", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="after-relist")))
        w = watch.Watch()
        for event in w.stream(v1.list_namespaced_config_map, "default", resource_version=listed.metadata.resource_version, timeout_seconds=20):
            print("resumed", event["type"], event["object"].metadata.name)
            w.stop()
        """;

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
    }

    [PythonKubernetesFact]
    public async Task A_watch_from_an_expired_resource_version_gets_410_and_resumes_after_a_relist()
    {
        var before = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "before" } }, "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "compacted" } }, "default");
        server.CompactHistory();

        var output = await RunPythonAsync(server.KubeconfigPath, before.Metadata.ResourceVersion);

        Assert.Equal(["expired 410", "relisted before,compacted", "resumed ADDED after-relist"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var watches = server.Requests.Where(request => request is { Verb: "watch", Resource: "configmaps" }).ToList();
        Assert.Equal(3, watches.Count); // the expired one, the client's one retry, the resumed one
        Assert.All(watches, request => Assert.StartsWith("OpenAPI-Generator", request.UserAgent, StringComparison.Ordinal));
    }

    private static async Task<string> RunPythonAsync(params string[] args)
    {
        var info = new ProcessStartInfo(PythonKubernetesFactAttribute.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the Python watch did not finish in 60 s; stdout: {await stdout}");
        }

        Assert.True(process.ExitCode == 0, $"python exited {process.ExitCode}\nstdout: {await stdout}\nstderr: {await stderr}");
        return await stdout;
    }
}

/// <summary>A test that needs the official Python client: skipped, with the reason, when /usr/bin/python3 cannot import it.</summary>
public sealed class PythonKubernetesFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> SkipReason = new(() =>
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is not installed: the Python client test needs Debian's python3 and python3-kubernetes";
        }

        return ToolInstaller.EnsureDebianPackage(RepoPaths.Root, "python3-kubernetes", CanImportClient) is { } reason
            ? $"the official Python client could not be installed: {reason}"
            : null;
    });

    private static bool CanImportClient()
    {
        using var probe = Process.Start(new ProcessStartInfo(Python, ["-c", "import kubernetes"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        return probe.WaitForExit(TimeSpan.FromSeconds(30)) && probe.ExitCode == 0;
    }

    public PythonKubernetesFactAttribute()
    {
        if (SkipReason.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
