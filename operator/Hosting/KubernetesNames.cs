using System.Text.RegularExpressions;

namespace Cerby.Operator.Hosting;

/// <summary>The name rules of the Kubernetes API (RFC 1123 labels and subdomains).</summary>
internal static partial class KubernetesNames
{
    public static bool IsDnsLabel(string name) => name.Length <= 63 && Label().IsMatch(name);

    public static bool IsDnsSubdomain(string name) => name.Length <= 253 && Subdomain().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
