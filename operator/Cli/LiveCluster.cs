using k8s;
using k8s.Exceptions;

namespace Cerby.Operator.Cli;

/// <summary>The cluster <c>--live</c> reads, from the user's kubeconfig (as kubectl finds it).</summary>
internal static class LiveCluster
{
    /// <summary>
    /// A client for <paramref name="kubeconfig"/> (else the first file of $KUBECONFIG that exists, else
    /// ~/.kube/config) and <paramref name="context"/> (else the current context).
    /// </summary>
    /// <exception cref="KubeConfigException">The kubeconfig is missing or unusable.</exception>
    public static Kubernetes Connect(string? kubeconfig, string? context)
    {
        var files = kubeconfig is not null ? [kubeconfig]
            : Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } list ? list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")];
        var existing = files.FirstOrDefault(File.Exists)
            ?? throw new KubeConfigException($"no kubeconfig at {string.Join(", ", files)}; give one with --kubeconfig");
        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(existing, context));
    }
}
