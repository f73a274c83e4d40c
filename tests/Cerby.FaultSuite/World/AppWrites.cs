using System.Text.RegularExpressions;
using Cerby.FaultSuite.Proxy;

namespace Cerby.FaultSuite.World;

/// <summary>Reads the writes a proxy passed to an app: who each user-creating POST was for, to find seats or invites written twice.</summary>
internal static partial class AppWrites
{
    /// <summary>The user each create names: SCIM's "userName", Meta's form field "email".</summary>
    public static string? UserOf(ProxiedRequest request)
    {
        var match = UserName().Match(request.Body);
        if (match.Success)
        {
            return match.Groups[1].Value.ToLowerInvariant();
        }

        match = EmailField().Match(request.Body + "&" + request.Query.TrimStart('?'));
        return match.Success ? Uri.UnescapeDataString(match.Groups[1].Value.Replace('+', ' ')).ToLowerInvariant() : null;
    }

    /// <summary>Creates beyond the first, per user, among the requests <paramref name="isCreate"/> picks.</summary>
    public static int Duplicates(IEnumerable<ProxiedRequest> requests, Func<ProxiedRequest, bool> isCreate) =>
        requests.Where(isCreate).Select(UserOf).OfType<string>().GroupBy(u => u, StringComparer.Ordinal).Sum(g => g.Count() - 1);

    /// <summary>POST .../Users (SCIM).</summary>
    public static bool IsScimCreate(ProxiedRequest r) => r.Method == "POST" && r.Path.EndsWith("/Users", StringComparison.Ordinal);

    /// <summary>POST /{business}/business_users (a Meta invitation).</summary>
    public static bool IsMetaInvite(ProxiedRequest r) => r.Method == "POST" && r.Path.EndsWith("/business_users", StringComparison.Ordinal);

    [GeneratedRegex("\"userName\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex UserName();

    [GeneratedRegex("(?:^|&)email=([^&]+)")]
    private static partial Regex EmailField();
}
