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

    private static Dictionary<string, HashSet<string>> Of(IReadOnlyList<ValidationProblem> problems) =>
        problems.Where(p => p.Kind == TeamShare.KindName)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Field + ": " + p.Message).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
}
