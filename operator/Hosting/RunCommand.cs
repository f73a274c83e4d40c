using k8s;
using k8s.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Cerby.Operator.Hosting;

/// <summary>
/// <c>cerby-operator run</c>: validates the options (each problem names its flag), connects to the cluster (in-cluster
/// service account, else KUBECONFIG), and runs the access operator (<see cref="Cerby.Operator.Controllers.AccessOperator"/>) until SIGTERM or
/// Ctrl+C.
/// </summary>
internal static class RunCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help"])
        {
            stdout.WriteLine(OperatorOptionsParser.Usage);
            return 0;
        }

        var (options, errors) = OperatorOptionsParser.Parse(args, Environment.GetEnvironmentVariable);
        if (options is not null && new OperatorOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            errors = [.. invalid.Failures];
        }

        if (options is null || errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine(error);
            }

            stderr.WriteLine("Run cerby-operator run --help for the flags.");
            return 2;
        }

        KubernetesClientConfiguration cluster;
        try
        {
            cluster = KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } path ? path : null);
        }
        catch (Exception ex) when (ex is KubeConfigException or IOException)
        {
            stderr.WriteLine($"cannot find the cluster: {ex.Message}");
            return 1;
        }

        using var host = OperatorHost.Build(options, cluster, Cerby.Operator.Controllers.AccessOperator.Register, Cerby.Operator.Controllers.AccessOperator.Map);
        host.Run();
        return 0;
    }
}
