using Cerby.FaultSuite.World;

namespace Cerby.FaultSuite;

/// <summary>
/// Looks for every credential the world handed out in what people and tools read: the Events of all namespaces, the
/// four custom resources (status included), and everything the operator processes printed. Counts occurrences, and
/// names only where they were found (never the value).
/// </summary>
internal static class SecretScan
{
    public static async Task<(int Count, IReadOnlyList<string> Where)> RunAsync(FaultWorld world, CancellationToken cancellationToken)
    {
        var sources = new Dictionary<string, string>
        {
            ["Events"] = await world.KubectlAsync(cancellationToken, "get", "events", "-A", "-o", "json"),
            ["custom resources (spec and status)"] = await world.KubectlAsync(cancellationToken, "get", "businesshubs,teamshares,idpgroupbindings,identityproviders", "-A", "-o", "json"),
            ["operator stdout/stderr"] = world.OperatorOutput(),
        };
        var count = 0;
        var where = new List<string>();
        foreach (var (source, text) in sources)
        {
            var found = world.Secrets.Sum(secret => Occurrences(text, secret));
            if (found > 0)
            {
                count += found;
                where.Add($"{found} in {source}");
            }
        }

        return (count, where);
    }

    private static int Occurrences(string text, string secret)
    {
        var count = 0;
        for (var at = text.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = text.IndexOf(secret, at + secret.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
