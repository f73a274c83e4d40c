using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;
using Cerby.KubeApiServer.Json;
using Cerby.KubeApiServer.Resources;
using Cerby.KubeApiServer.Semantics;
using Cerby.KubeApiServer.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cerby.KubeApiServer;

/// <summary>
/// A wire-level Kubernetes API server for tests, on plain HTTP on loopback, that real kubectl and KubernetesClient
/// talk to. Start one with <see cref="StartAsync"/>; point clients at <see cref="KubeconfigPath"/>.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ObjectService service;
    private readonly OpenWatches openWatches;
    private readonly ConcurrentQueue<RecordedRequest> requests;
    private readonly bool ownsKubeconfig;

    private KubeApiServer(WebApplication app, ObjectService service, OpenWatches openWatches, ConcurrentQueue<RecordedRequest> requests, Uri baseUri, string kubeconfigPath, bool ownsKubeconfig)
    {
        this.app = app;
        this.service = service;
        this.openWatches = openWatches;
        this.requests = requests;
        this.ownsKubeconfig = ownsKubeconfig;
        BaseUri = baseUri;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>http://127.0.0.1:{port}/ (or the <see cref="KubeApiServerOptions.Address"/> listened on)</summary>
    public Uri BaseUri { get; }

    /// <summary>A kubeconfig whose current context points at this server (no credentials needed).</summary>
    public string KubeconfigPath { get; }

    /// <summary>Every resource request so far, in arrival order (for RBAC coverage checks).</summary>
    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>How many watch connections are open now.</summary>
    public int OpenWatchCount => openWatches.Count;

    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeApiServerOptions();
        var clock = TimeProvider.System;
        var service = new ObjectService(new ObjectStore(options.HistoryLimit), new ResourceRegistry(), clock);
        foreach (var name in new[] { "default", "kube-system", "kube-public" })
        {
            service.Create(BuiltInResources.Namespaces, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, WriteOptions.Default);
        }

        if (options.CrdDirectory is { } crdDirectory)
        {
            RegisterCrds(service, crdDirectory);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        if (!options.LogRequests)
        {
            builder.Logging.ClearProviders();
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.Address, options.Port));
        var app = builder.Build();
        var openWatches = new OpenWatches();
        var requests = new ConcurrentQueue<RecordedRequest>();
        var endpoint = new ResourceEndpoint(service, new WatchStreamer(service, openWatches, options.BookmarkInterval), requests.Enqueue, clock);
        var router = new ApiRouter(service.Registry, endpoint);
        if (options.LogRequests)
        {
            app.Use(async (context, next) =>
            {
                await next(context);
                Console.WriteLine($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} -> {context.Response.StatusCode}");
            });
        }

        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/");
        var kubeconfigPath = options.KubeconfigPath ?? Path.Combine(Path.GetTempPath(), $"cerby-kubeapi-{Guid.NewGuid():N}.kubeconfig");
        Kubeconfig.Write(kubeconfigPath, baseUri);
        return new KubeApiServer(app, service, openWatches, requests, baseUri, kubeconfigPath, ownsKubeconfig: options.KubeconfigPath is null);
    }

    /// <summary>Forgets the watch history: a watch from any resourceVersion before now gets 410 Expired.</summary>
    public void CompactHistory() => service.Store.Compact();

    /// <summary>Aborts every open watch connection, as a network failure would; clients must re-watch.</summary>
    public void DropWatches() => openWatches.DropAll();

    /// <summary>Waits until the host stops (Ctrl+C when standalone).</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        DropWatches();
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsKubeconfig)
        {
            File.Delete(KubeconfigPath);
        }
    }

    /// <summary>Registers every CustomResourceDefinition in the YAML files of a folder, as <c>kubectl apply -f</c> would.</summary>
    private static void RegisterCrds(ObjectService service, string directory)
    {
        var files = Directory.GetFiles(directory, "*.yaml").Concat(Directory.GetFiles(directory, "*.yml")).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var document in YamlToJson.Documents(File.ReadAllText(file)).OfType<JsonObject>().Where(doc => doc.GetString("kind") == "CustomResourceDefinition"))
            {
                try
                {
                    service.Create(BuiltInResources.CustomResourceDefinitions, "", document, WriteOptions.Default);
                }
                catch (ApiException error)
                {
                    throw new InvalidOperationException($"{file}: {error.Message}", error);
                }
            }
        }
    }
}
