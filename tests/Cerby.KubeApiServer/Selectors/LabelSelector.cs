using System.Text.RegularExpressions;
using Cerby.KubeApiServer.Http;

namespace Cerby.KubeApiServer.Selectors;

/// <summary>
/// A <c>labelSelector</c>: comma-separated requirements, all of which must hold: <c>k=v</c>, <c>k==v</c>,
/// <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists), <c>!k</c> (does not exist).
/// </summary>
internal sealed partial class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> requirements;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => this.requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector(SplitRequirements(text).Select(ParseRequirement).ToList());
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(requirement => requirement(labels));

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string requirement)
    {
        if (SetPattern().Match(requirement) is { Success: true } set)
        {
            var key = set.Groups["key"].Value;
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            return set.Groups["op"].Value == "in"
                ? labels => labels.TryGetValue(key, out var value) && values.Contains(value)
                : labels => !labels.TryGetValue(key, out var value) || !values.Contains(value);
        }

        if (EqualityPattern().Match(requirement) is { Success: true } equality)
        {
            var key = equality.Groups["key"].Value;
            var expected = equality.Groups["value"].Value;
            return equality.Groups["op"].Value == "!="
                ? labels => !labels.TryGetValue(key, out var value) || value != expected
                : labels => labels.TryGetValue(key, out var value) && value == expected;
        }

        if (ExistencePattern().Match(requirement) is { Success: true } existence)
        {
            var key = existence.Groups["key"].Value;
            var negated = existence.Groups["not"].Success;
            return labels => labels.ContainsKey(key) != negated;
        }

        throw ApiException.BadRequest($"unable to parse requirement: invalid label selector \"{requirement}\"");
    }

    private static IEnumerable<string> SplitRequirements(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
            else if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
        }
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)$")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s*(?<op>==|!=|=)\s*(?<value>[A-Za-z0-9._-]*)$")]
    private static partial Regex EqualityPattern();

    [GeneratedRegex(@"^(?<not>!)?\s*(?<key>[A-Za-z0-9./_-]+)$")]
    private static partial Regex ExistencePattern();
}
