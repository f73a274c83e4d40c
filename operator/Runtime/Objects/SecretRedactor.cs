using System.Collections.Immutable;
using System.Text;

namespace Cerby.Operator.Runtime.Objects;

/// <summary>
/// Every value the operator read from a Secret (app tokens, Okta API tokens and private keys, Entra client secrets,
/// inbound SCIM bearer tokens, Event Hook secrets…), to scrub from whatever it writes: Events, status conditions and
/// logs. Text a peer sent (an error body that echoes the token presented) passes through here before it is written.
/// <see cref="SecretReader"/> feeds it; values shorter than <see cref="MinLength"/> are not treated as secrets (they would
/// blank ordinary words).
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "(redacted)";
    public const int MinLength = 8;
    private ImmutableArray<string> _secrets = [];

    /// <summary>Whether any secret is known (when none is, nothing needs scanning).</summary>
    public bool Active => !_secrets.IsEmpty;

    /// <summary>Remembers a Secret's value (and each long line of a multi-line value, e.g. a PEM key).</summary>
    public void Add(string value)
    {
        var candidates = new List<string> { value.Trim() };
        candidates.AddRange(value.Split('\n', StringSplitOptions.TrimEntries).Where(line => line.Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal)));
        foreach (var candidate in candidates.Where(c => c.Length >= MinLength))
        {
            ImmutableInterlocked.Update(ref _secrets, (list, item) => list.Contains(item) ? list : [.. list.Add(item).OrderByDescending(s => s.Length)], candidate);
        }
    }

    /// <summary>Remembers every value of a Secret's data.</summary>
    public void AddAll(IReadOnlyDictionary<string, byte[]> data)
    {
        foreach (var bytes in data.Values)
        {
            Add(Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>The text with every known secret replaced by <see cref="Mask"/>; the same instance when it holds none.</summary>
    public string Redact(string text)
    {
        var secrets = _secrets;
        if (secrets.IsEmpty || string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
