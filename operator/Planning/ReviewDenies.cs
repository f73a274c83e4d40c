using System.Security.Cryptography;
using System.Text;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>
/// Access reviews as the planner sees them: the lines a review lists (one per user and hub, with a stable id) and,
/// from its due date on, the declared denies its decisions make. Pure: the caller passes the moment to judge against.
/// A deny holds while the review exists; what is enforced is what status.items listed (frozen at the due date), so a
/// line nobody saw is never denied, and a decision naming an id that is not listed denies nothing.
/// </summary>
public static class ReviewDenies
{
    /// <summary>How many lines status.items holds at most (an object in etcd is capped near 1.5 MiB); the rest are kept.</summary>
    public const int MaxListedLines = 500;

    /// <summary>The stable id of a line: the first 10 hex digits of SHA-256 over "namespace/hub" and the user's key.</summary>
    public static string LineId(string hubKey, string userKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hubKey + "\n" + userKey)))[..10];

    /// <summary>Whether the review covers the hub (same namespace; its hubRef, or every hub when it has none).</summary>
    public static bool Covers(AccessReview review, string hubKey)
    {
        var ns = review.Metadata.NamespaceProperty ?? "";
        return review.Spec.HubRef is { } hub ? hubKey == $"{ns}/{hub.Name}" : hubKey.StartsWith(ns + "/", StringComparison.Ordinal);
    }

    /// <summary>Whether the due date has come.</summary>
    public static bool IsDue(AccessReview review, DateTimeOffset now) => review.Spec.DueDate <= now;

    /// <summary>The lines of one hub: every desired member with the effective role and what grants it, by user.</summary>
    public static IEnumerable<ReviewLine> Lines(string hubKey, HubModel hub, DesiredAccess desired) =>
        desired.Members.Values
            .Select(m => (Member: m, Entitlement: Entitlement.Of(hub, m)))
            .Where(x => x.Entitlement is not null)
            .OrderBy(x => x.Member.Key, StringComparer.Ordinal)
            .Select(x => new ReviewLine
            {
                Id = LineId(hubKey, x.Member.Key),
                Hub = hub.Name,
                User = x.Member.Email,
                Role = x.Entitlement!.Role.Name,
                Via = TextLimits.JoinBounded(x.Entitlement.Grants.Select(g => g.Describe()).Distinct(StringComparer.Ordinal), "; ", 512),
            });

    /// <summary>The lines a due review denies, each with the reason the plan gives.</summary>
    public static IEnumerable<(ReviewLine Line, string Reason)> Denied(AccessReview review, DateTimeOffset now)
    {
        if (!IsDue(review, now))
        {
            yield break;
        }

        var key = $"{review.Metadata.NamespaceProperty}/{review.Metadata.Name}";
        var decisions = review.Spec.Decisions.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var line in review.Status?.Items ?? [])
        {
            if (decisions.TryGetValue(line.Id, out var decision))
            {
                if (decision.Decision == ReviewDecision.Revoke)
                {
                    var by = decision.Reviewer is { Length: > 0 } reviewer ? $" by {reviewer}" : "";
                    var why = decision.Comment is { Length: > 0 } comment ? $": {comment}" : "";
                    yield return (line, $"revoked in AccessReview {key} (line {line.Id}{by}{why})");
                }
            }
            else if (review.Spec.OnMissing == ReviewDecision.Revoke)
            {
                yield return (line, $"revoked in AccessReview {key}: line {line.Id} had no decision at the due date and onMissing is revoke");
            }
        }
    }

    /// <summary>The users denied in a hub by the reviews, by user key, with the reason.</summary>
    public static Dictionary<string, string> For(string hubKey, IEnumerable<AccessReview> reviews, DateTimeOffset now)
    {
        var denies = new Dictionary<string, string>(StringComparer.Ordinal);
        var hubName = hubKey[(hubKey.IndexOf('/', StringComparison.Ordinal) + 1)..];
        foreach (var review in reviews.Where(r => Covers(r, hubKey)))
        {
            foreach (var (line, reason) in Denied(review, now).Where(d => d.Line.Hub == hubName))
            {
                denies.TryAdd(UserKey.Of(line.User), reason);
            }
        }

        return denies;
    }

    /// <summary>
    /// The desired access with the denies applied: a denied user is no member, and the deny is the reason of the removal
    /// (as an inactive user's is). Unknown membership does not protect a denied user; the removal guard still applies.
    /// </summary>
    public static DesiredAccess Apply(DesiredAccess desired, IReadOnlyDictionary<string, string> denies)
    {
        if (denies.Count == 0)
        {
            return desired;
        }

        var inactive = new Dictionary<string, string>(desired.Inactive, StringComparer.Ordinal);
        foreach (var (user, reason) in denies)
        {
            inactive.TryAdd(user, reason);
        }

        return desired with
        {
            Members = desired.Members.Where(m => !denies.ContainsKey(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
            Inactive = inactive,
        };
    }

    /// <summary>The earliest due date after <paramref name="now"/> among the reviews; null when none is ahead.</summary>
    public static DateTimeOffset? NextDue(IEnumerable<AccessReview> reviews, DateTimeOffset now) =>
        reviews.Select(r => (DateTimeOffset?)r.Spec.DueDate).Where(d => d > now).Min();
}
