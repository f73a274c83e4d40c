using System.Security.Cryptography;
using System.Text;

namespace Cerby.Operator.Planning;

/// <summary>A stable hash of changes: the same changes give the same hash on any machine and in any run.</summary>
public static class PlanHash
{
    /// <summary>The first 16 hex digits of SHA-256 over one canonical line per change (the reason text excluded).</summary>
    public static string Of(IEnumerable<AccessChange> changes)
    {
        var text = new StringBuilder();
        foreach (var c in changes)
        {
            text.Append(c.Kind).Append('|').Append(c.UserKey).Append('|').Append(c.From).Append('|').Append(c.To).Append('|')
                .Append(c.NativeRole).Append('|').Append(c.Asset).Append('|')
                .AppendJoin(',', c.Tasks ?? []).Append('|')
                .AppendJoin(',', (c.Attributes ?? new Dictionary<string, string?>()).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))
                .Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
