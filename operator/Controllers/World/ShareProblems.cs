using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Controllers.World;

/// <summary>Which shares' validation problems differ between two snapshots. Pure.</summary>
internal static class ShareProblems
{
    /// <summary>Keys of the TeamShares whose set of problems is not the same in <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static IReadOnlyCollection<string> Changed(IReadOnlyList<ValidationProblem> before, IReadOnlyList<ValidationProblem> after)
    {
        var old = Of(before);
        var now = Of(after);
        return [.. old.Keys.Union(now.Keys, StringComparer.Ordinal)
            .Where(key => !old.TryGetValue(key, out var a) || !now.TryGetValue(key, out var b) || !a.SetEquals(b))];
    }

    /// <summary>
    /// Whether a share whose problems changed must be reconciled to show it: it is invalid now (its message names the
    /// problems), or its status still says invalid. A share that is valid and shows valid has nothing new to show.
    /// </summary>
    public static bool MustShow(bool invalidNow, TeamShare? share) =>
        share is not null && (invalidNow || ShowsInvalid(share));

    private static bool ShowsInvalid(TeamShare share) =>
        share.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Reason is ConditionReasons.InvalidShare or ConditionReasons.InvalidScope) == true;

    private static Dictionary<string, HashSet<string>> Of(IReadOnlyList<ValidationProblem> problems) =>
        problems.Where(p => p.Kind == TeamShare.KindName)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Field + ": " + p.Message).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
}
