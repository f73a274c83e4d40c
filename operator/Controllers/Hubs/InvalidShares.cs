using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>
/// The shares of a hub the validator rejects. They make the hub uncertain (nobody loses access until they are fixed),
/// but that is not IdP staleness: the hub reports them as <c>Degraded=True InvalidShares</c>, not under IdpStale.
/// </summary>
internal static class InvalidShares
{
    /// <summary>namespace/name of each invalid share among <paramref name="shares"/>, sorted.</summary>
    public static IReadOnlyList<string> Of(AccessModel model, IEnumerable<TeamShare> shares)
    {
        var invalid = model.Problems.Where(p => p.Kind == TeamShare.KindName).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return [.. shares.Select(s => ResourceKeys.Of(s.Metadata)).Where(invalid.Contains).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether an uncertainty the model listed is about one of <paramref name="invalidShares"/>.</summary>
    public static bool IsAbout(string uncertainty, IReadOnlyList<string> invalidShares) =>
        invalidShares.Any(key => uncertainty.Contains($"TeamShare {key} ", StringComparison.Ordinal));
}
