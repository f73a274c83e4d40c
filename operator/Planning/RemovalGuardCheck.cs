using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>
/// Holds back every removal of a sync that would remove more members than the hub's guard allows, so a wrong group
/// change or a bad read can never empty an app. All or nothing: a partial batch would be an arbitrary choice.
/// </summary>
public static class RemovalGuardCheck
{
    /// <summary>The most removals the guard lets through for an app of that many members.</summary>
    /// <remarks>The percent limit always allows one removal, so small apps can lose a member; 100% turns it off.</remarks>
    public static int Limit(RemovalGuard guard, int members)
    {
        var byPercent = guard.MaxRemovalsPercent >= 100 ? int.MaxValue : Math.Max(1, guard.MaxRemovalsPercent * members / 100);
        return Math.Min(guard.MaxRemovals, byPercent);
    }

    /// <summary>Splits off the removals to hold; they are released when <paramref name="approvedHash"/> matches their hash.</summary>
    public static (List<AccessChange> Held, string? Reason, string? Hash) Apply(RemovalGuard guard, int members, IReadOnlyList<AccessChange> changes, string? approvedHash)
    {
        var removals = changes.Where(c => c.Kind.IsRemoval()).OrderBy(c => c.Kind).ThenBy(c => c.UserKey, StringComparer.Ordinal).ToList();
        var limit = Limit(guard, members);
        if (removals.Count <= limit)
        {
            return ([], null, null);
        }

        var hash = PlanHash.Of(removals);
        if (string.Equals(approvedHash, hash, StringComparison.Ordinal))
        {
            return ([], null, null);
        }

        var reason = $"{removals.Count} removals exceed the removal guard (at most {guard.MaxRemovals} per sync and {guard.MaxRemovalsPercent}% of {members} members, so {limit}); " +
                     $"review them and approve with annotation {Annotations.ApproveRemovals}={hash}";
        return (removals, reason, hash);
    }
}
