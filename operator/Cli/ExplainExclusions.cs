using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>
/// What names the user in a hub but grants them nothing: a share whose scope excludes them (or cannot be evaluated for
/// them), a share that expired, a due AccessReview that revoked them. Judged as the planner judges, at the inputs' moment.
/// </summary>
internal static class ExplainExclusions
{
    public static (List<ExplainScopeExclusion> Scope, List<ExplainExpiredShare> Expired, ExplainReviewDenial? Review) Of(PlanInputs inputs, string hubKey, string userKey)
    {
        var scoped = new List<ExplainScopeExclusion>();
        var expired = new List<ExplainExpiredShare>();
        foreach (var share in inputs.Declared.Shares
            .Where(s => ResourceKeys.Sibling(s.Metadata, s.Spec.HubRef.Name) == hubKey)
            .OrderBy(s => ResourceKeys.Of(s.Metadata), StringComparer.Ordinal))
        {
            var shareKey = ResourceKeys.Of(share.Metadata);
            var scope = share.Spec.Scope is { Length: > 0 } expression ? ShareScope.Compile(expression, out _) : null;
            if (scope is null && share.Spec.Scope is { Length: > 0 })
            {
                continue; // an invalid share: the notes say what it holds back
            }

            var users = Named(inputs, share, userKey);
            if (users.Count == 0)
            {
                continue;
            }

            var via = string.IsNullOrEmpty(share.Spec.Subject.Team) ? "an individual share" : $"team {share.Spec.Subject.Team}";
            if (ShareExpiry.ExpiresAt(share) is { } at && at <= inputs.Now)
            {
                if (scope is null || users.Any(u => scope.Evaluate(u) == ScopeVerdict.Included))
                {
                    var when = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    expired.Add(new ExplainExpiredShare($"TeamShare {shareKey}", share.Spec.Role, at,
                        $"TeamShare {shareKey} expired at {when} (it granted {share.Spec.Role} through {via})"));
                }

                continue;
            }

            if (scope is null)
            {
                continue;
            }

            foreach (var user in users)
            {
                var verdict = scope.Evaluate(user, out var error);
                if (verdict == ScopeVerdict.Included)
                {
                    continue;
                }

                var values = scope.NamedValues(user).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                var shown = values.Count == 0 ? "" : $" ({string.Join(", ", values.Select(kv => $"{kv.Key} = \"{kv.Value}\""))})";
                var detail = verdict == ScopeVerdict.Excluded
                    ? $"excluded by scope of TeamShare {shareKey}: {scope.Expression}{shown}"
                    : $"the scope of TeamShare {shareKey} could not be evaluated ({error}): {scope.Expression}{shown}; the access it may grant is kept as it is";
                scoped.Add(new ExplainScopeExclusion($"TeamShare {shareKey}", scope.Expression, verdict == ScopeVerdict.Excluded ? "excluded" : "unknown", values, error, detail));
                break;
            }
        }

        return (scoped, expired, Denial(inputs, hubKey, userKey));
    }

    /// <summary>The IdP users of the share's namespace the share names who are this user: team members through a bound group, or its user subject.</summary>
    private static List<IdpUser> Named(PlanInputs inputs, TeamShare share, string userKey)
    {
        var subject = share.Spec.Subject;
        if (!string.IsNullOrEmpty(subject.Team))
        {
            return [.. ExplainBuilder.TeamChains(inputs, ResourceKeys.Sibling(share.Metadata, subject.Team), userKey)
                .SelectMany(c => inputs.Identity.Directories[c.IdpKey].Users.Values.Where(u => u.Key == userKey && c.Group.MemberIds.Contains(u.Id)))
                .DistinctBy(u => u.Id)];
        }

        if (subject.User is not { Length: > 0 } named)
        {
            return [];
        }

        var ns = ResourceKeys.NamespaceOf(share.Metadata);
        return [.. inputs.Identity.Directories
            .Where(d => ResourceKeys.NamespaceOfKey(d.Key) == ns)
            .SelectMany(d => d.Value.Users.Values)
            .Where(u => u.Key == userKey && (u.Id == named || UserKey.Of(named) == userKey))];
    }

    /// <summary>The first due AccessReview line that denies the user in the hub, with its decision.</summary>
    private static ExplainReviewDenial? Denial(PlanInputs inputs, string hubKey, string userKey)
    {
        var hubName = hubKey[(hubKey.IndexOf('/', StringComparison.Ordinal) + 1)..];
        foreach (var review in inputs.Declared.AccessReviews.Where(r => ReviewDenies.Covers(r, hubKey)))
        {
            foreach (var (line, _) in ReviewDenies.Denied(review, inputs.Now).Where(d => d.Line.Hub == hubName && UserKey.Of(d.Line.User) == userKey))
            {
                var reviewKey = ResourceKeys.Of(review.Metadata);
                var decision = review.Spec.Decisions.FirstOrDefault(d => d.Id == line.Id);
                var said = decision is null
                    ? "no decision at the due date, onMissing revoke"
                    : $"decision revoke{(decision.Reviewer is { Length: > 0 } by ? $" by {by}" : "")}{(decision.Comment is { Length: > 0 } comment ? $": {comment}" : "")}";
                return new ExplainReviewDenial($"AccessReview {reviewKey}", line.Id, decision is null ? "missing" : "revoke", decision?.Reviewer, decision?.Comment,
                    review.Spec.DueDate, $"denied by AccessReview {reviewKey} (line id {line.Id}, {said})");
            }
        }

        return null;
    }
}
