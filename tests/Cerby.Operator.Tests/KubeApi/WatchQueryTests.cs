using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>
/// Watch requests over raw HTTP as other clients send them: booleans as apimachinery parses query parameters (only
/// absent, <c>0</c> and <c>false</c> in any case are false; the Python client sends <c>watch=True</c>), and the deprecated
/// <c>/watch/</c> paths.
/// </summary>
public sealed class WatchQueryTests : IAsyncLifetime
{
    private KubeApiServer.KubeApiServer server = null!;
    private Kubernetes client = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await KubeApiServer.KubeApiServer.StartAsync();
        client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        http = new HttpClient { BaseAddress = server.BaseUri };
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "first" } }, "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "second" } }, "default");
        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" } }, "default");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        client.Dispose();
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData("watch=true")]
    [InlineData("watch=1")]
    [InlineData("watch=True")]
    [InlineData("watch=TRUE")]
    [InlineData("watch=yes")]
    [InlineData("watch=")]
    public async Task A_true_watch_parameter_streams_events(string query)
    {
        var events = await FirstEventsAsync($"api/v1/namespaces/default/configmaps?{query}&timeoutSeconds=1", 2);

        Assert.Equal(["ADDED first", "ADDED second"], events);
    }

    [Theory]
    [InlineData("watch=false")]
    [InlineData("watch=False")]
    [InlineData("watch=0")]
    public async Task A_false_watch_parameter_lists(string query)
    {
        var list = JsonNode.Parse(await http.GetStringAsync($"api/v1/namespaces/default/configmaps?{query}"))!;

        Assert.Equal("ConfigMapList", list["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task AllowWatchBookmarks_True_sends_a_bookmark()
    {
        var events = await FirstEventsAsync("api/v1/namespaces/default/configmaps?watch=True&allowWatchBookmarks=True&sendInitialEvents=True&resourceVersionMatch=NotOlderThan&timeoutSeconds=1", 3);

        Assert.Equal(["ADDED first", "ADDED second", "BOOKMARK "], events);
    }

    [Theory]
    [InlineData("api/v1/watch/namespaces/default/configmaps", "ADDED first,ADDED second")]
    [InlineData("api/v1/watch/configmaps", "ADDED first,ADDED second")]
    [InlineData("api/v1/watch/namespaces/default/configmaps/second", "ADDED second")]
    [InlineData("apis/coordination.k8s.io/v1/watch/namespaces/default/leases", "ADDED leader")]
    [InlineData("apis/coordination.k8s.io/v1/watch/leases", "ADDED leader")]
    [InlineData("apis/coordination.k8s.io/v1/watch/namespaces/default/leases/leader", "ADDED leader")]
    public async Task Deprecated_watch_paths_stream_events(string path, string expected)
    {
        var wanted = expected.Split(',');

        var events = await FirstEventsAsync($"{path}?timeoutSeconds=1", wanted.Length);

        Assert.Equal(wanted, events);
        Assert.Contains(server.Requests, request => request.Verb == "watch");
    }

    [Fact]
    public async Task A_deprecated_watch_path_sees_later_changes_of_the_named_object_only()
    {
        using var response = await http.GetAsync("api/v1/watch/namespaces/default/configmaps/first?timeoutSeconds=5", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("ADDED first", Describe(await reader.ReadLineAsync()));

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "third" } }, "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("first", "default");

        Assert.Equal("DELETED first", Describe(await reader.ReadLineAsync()));
    }

    /// <summary>The first <paramref name="count"/> events of a watch, as "TYPE name".</summary>
    private async Task<List<string>> FirstEventsAsync(string pathAndQuery, int count)
    {
        using var response = await http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<string>();
        while (events.Count < count && await reader.ReadLineAsync() is { } line)
        {
            events.Add(Describe(line));
        }

        return events;
    }

    private static string Describe(string? line)
    {
        var watchEvent = JsonNode.Parse(line ?? throw new InvalidOperationException("the watch ended"))!;
        return $"{watchEvent["type"]!.GetValue<string>()} {watchEvent["object"]?["metadata"]?["name"]?.GetValue<string>()}";
    }
}
