namespace Cerby.KubeApiServer;

/// <summary>How to start a <see cref="KubeApiServer"/>.</summary>
public sealed record KubeApiServerOptions
{
    /// <summary>The port; 0 picks a free one (see <see cref="KubeApiServer.BaseUri"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// The address to listen on: loopback by default; another interface's address (e.g. a container bridge's) makes the
    /// server reachable from containers. The kubeconfig names this address (loopback when listening on every address).
    /// </summary>
    public System.Net.IPAddress Address { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>Where to write the kubeconfig; a new temporary file when null.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>A folder of CustomResourceDefinition YAML files registered before the server answers.</summary>
    public string? CrdDirectory { get; init; }

    /// <summary>How many changes the watch history keeps; a watch from an older resourceVersion gets 410 Expired.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>How often an idle watch with allowWatchBookmarks=true gets a BOOKMARK.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Logs each request to the console (standalone use).</summary>
    public bool LogRequests { get; init; }
}
