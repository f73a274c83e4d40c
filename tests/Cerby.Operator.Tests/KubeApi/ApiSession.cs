using System.Text.Json.Nodes;
using System.Threading.Channels;
using Cerby.KubeApiServer;
using Cerby.Operator.Tests.Cli;
using k8s;
using k8s.Models;

namespace Cerby.Operator.Tests.KubeApi;

/// <summary>A test server with the CRDs registered, a namespace, and a KubernetesClient pointed at it.</summary>
internal sealed class ApiSession : IAsyncDisposable
{
    public const string Ns = "test";

    private ApiSession(KubeApiServer.KubeApiServer server, Kubernetes client)
    {
        Server = server;
        Client = client;
    }

    public KubeApiServer.KubeApiServer Server { get; }

    public Kubernetes Client { get; }

    public static async Task<ApiSession> StartAsync(KubeApiServerOptions? options = null)
    {
        var server = await KubeApiServer.KubeApiServer.StartAsync((options ?? new KubeApiServerOptions()) with { CrdDirectory = Path.Combine(RepoPaths.Root, "crds") });
        try
        {
            var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
            return new ApiSession(server, client);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The resourceVersion of a list of shares (the point a watch resumes from).</summary>
    public async Task<string> ListVersionAsync() =>
        TeamShares.ToNode(await Client.CustomObjects.ListNamespacedCustomObjectAsync(TeamShares.Group, TeamShares.Version, Ns, TeamShares.Plural))
            ["metadata"]!["resourceVersion"]!.GetValue<string>();

    /// <summary>Watches shares in the background; events (and errors) arrive on the returned watch.</summary>
    public ShareWatch Watch(string? resourceVersion, bool bookmarks = false, string? labelSelector = null, int? timeoutSeconds = null)
    {
        var watch = new ShareWatch();
        watch.Run(Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            TeamShares.Group, TeamShares.Version, Ns, TeamShares.Plural,
            allowWatchBookmarks: bookmarks, labelSelector: labelSelector, resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds, onError: watch.Errors.Enqueue, cancellationToken: watch.Cancellation));
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Watch events as (type, object) pairs read with a deadline; errors the client reported; whether the stream ended.</summary>
internal sealed class ShareWatch : IDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);
    private readonly Channel<(WatchEventType Type, JsonObject Object)> events = Channel.CreateUnbounded<(WatchEventType, JsonObject)>();
    private readonly CancellationTokenSource cancellation = new();

    public System.Collections.Concurrent.ConcurrentQueue<Exception> Errors { get; } = new();

    public CancellationToken Cancellation => cancellation.Token;

    /// <summary>Completes when the stream ends: the server closed it, or the connection broke (events already read stay readable).</summary>
    public Task Ended { get; private set; } = Task.CompletedTask;

    public void Run(IAsyncEnumerable<(WatchEventType, object)> stream) => Ended = Task.Run(async () =>
    {
        try
        {
            await foreach (var (type, obj) in stream)
            {
                events.Writer.TryWrite((type, TeamShares.ToNode(obj)));
            }

            events.Writer.TryComplete();
        }
        catch (Exception error)
        {
            events.Writer.TryComplete(error);
        }
    });

    public async Task<(WatchEventType Type, JsonObject Object)> NextAsync()
    {
        using var deadline = new CancellationTokenSource(EventTimeout);
        return await events.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>The next event that is not a bookmark.</summary>
    public async Task<(WatchEventType Type, JsonObject Object)> NextChangeAsync()
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Type != WatchEventType.Bookmark)
            {
                return next;
            }
        }
    }

    public void Dispose()
    {
        cancellation.Cancel();
        cancellation.Dispose();
    }
}
