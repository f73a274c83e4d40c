namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// What System Log events say changed. Events are hints: the objects they name are read again before anything is
/// believed (level-based, not edge-based), so out-of-order or repeated events cannot leave a wrong state.
/// </summary>
/// <param name="Users">Users whose lifecycle, profile or memberships changed, with the login the event gave (for a deleted user).</param>
/// <param name="Groups">Groups whose membership changed.</param>
/// <param name="Apps">Apps whose user or group assignments changed.</param>
internal sealed record OktaChangeHints(IReadOnlyDictionary<string, string?> Users, IReadOnlySet<string> Groups, IReadOnlySet<string> Apps)
{
    /// <summary>Reads the hints out of events; event types that do not touch access are ignored.</summary>
    public static OktaChangeHints From(IEnumerable<OktaLogEvent> events)
    {
        var users = new Dictionary<string, string?>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        var apps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var logEvent in events)
        {
            var targets = logEvent.Target ?? [];
            var type = logEvent.EventType;
            if (type is "group.user_membership.add" or "group.user_membership.remove")
            {
                AddAll(groups, targets, "UserGroup");
                AddUsers(users, targets);
            }
            else if (type.StartsWith("user.lifecycle.", StringComparison.Ordinal) || type == "user.account.update_profile")
            {
                AddUsers(users, targets);
            }
            else if (type.StartsWith("application.user_membership.", StringComparison.Ordinal) || type.StartsWith("group.application_assignment.", StringComparison.Ordinal))
            {
                AddAll(apps, targets, "AppInstance");
            }
        }

        return new OktaChangeHints(users, groups, apps);
    }

    private static void AddAll(HashSet<string> ids, IReadOnlyList<OktaLogTarget> targets, string type) =>
        ids.UnionWith(targets.Where(t => t.Type == type).Select(t => t.Id));

    private static void AddUsers(Dictionary<string, string?> users, IReadOnlyList<OktaLogTarget> targets)
    {
        foreach (var user in targets.Where(t => t.Type == "User"))
        {
            users[user.Id] = user.AlternateId ?? users.GetValueOrDefault(user.Id);
        }
    }
}
