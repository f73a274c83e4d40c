using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Cache;

/// <summary>Compares two versions of a directory: which groups and users changed, and the membership events.</summary>
internal static class DirectoryDiff
{
    public static IdentityDelta Of(string idpKey, IdpDirectory before, IdpDirectory after)
    {
        var users = new List<IdpUser>();
        foreach (var (id, user) in after.Users)
        {
            if (!before.Users.TryGetValue(id, out var old) || !SameUser(old, user))
            {
                users.Add(user);
            }
        }

        // A user a complete read no longer lists was deleted in the IdP.
        if (after.UsersKnown)
        {
            users.AddRange(before.Users.Values.Where(u => !after.Users.ContainsKey(u.Id) && u.Lifecycle != UserLifecycle.Deleted)
                .Select(u => u with { Lifecycle = UserLifecycle.Deleted }));
        }

        var groups = new List<IdpGroup>();
        var events = new List<MembershipEvent>();
        foreach (var (id, group) in after.Groups)
        {
            before.Groups.TryGetValue(id, out var old);
            if (old is null || old.State != group.State || old.DisplayName != group.DisplayName || !old.MemberIds.Order(StringComparer.Ordinal).SequenceEqual(group.MemberIds.Order(StringComparer.Ordinal)))
            {
                groups.Add(group);
            }

            if (old is not null && group.State != MembershipState.Unknown)
            {
                AddMembershipEvents(old, group, before, after, events);
            }
        }

        var changedUsers = users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        foreach (var group in after.Groups.Values.Where(g => g.State != MembershipState.Unknown))
        {
            foreach (var memberId in group.MemberIds)
            {
                if (changedUsers.TryGetValue(memberId, out var user) && before.Users.TryGetValue(memberId, out var old) && old.Lifecycle != user.Lifecycle
                    && before.Groups.TryGetValue(group.Id, out var oldGroup) && oldGroup.MemberIds.Contains(memberId))
                {
                    events.Add(LifecycleEvent(group, old, user));
                }
            }
        }

        var assignmentsChanged = after.AssignmentsKnown != before.AssignmentsKnown || !after.Assignments.SequenceEqual(before.Assignments, AssignmentComparer.Instance);
        return new IdentityDelta(idpKey, groups, users, assignmentsChanged, events);
    }

    private static void AddMembershipEvents(IdpGroup old, IdpGroup group, IdpDirectory before, IdpDirectory after, List<MembershipEvent> events)
    {
        var was = old.MemberIds.ToHashSet(StringComparer.Ordinal);
        var now = group.MemberIds.ToHashSet(StringComparer.Ordinal);
        foreach (var id in now.Where(id => !was.Contains(id)).Order(StringComparer.Ordinal))
        {
            events.Add(new MembershipEvent(group.Id, group.DisplayName, MembershipEventKind.Joined, id, EmailOf(id, after, before), $"joined group {group.DisplayName}"));
        }

        foreach (var id in was.Where(id => !now.Contains(id)).Order(StringComparer.Ordinal))
        {
            var deleted = after.UsersKnown && !after.Users.ContainsKey(id);
            events.Add(new MembershipEvent(group.Id, group.DisplayName, deleted ? MembershipEventKind.Deleted : MembershipEventKind.Left, id, EmailOf(id, after, before),
                deleted ? $"deleted in the IdP (was in group {group.DisplayName})" : $"left group {group.DisplayName}"));
        }
    }

    private static MembershipEvent LifecycleEvent(IdpGroup group, IdpUser old, IdpUser user)
    {
        var kind = user.Lifecycle switch
        {
            UserLifecycle.Active => MembershipEventKind.Reactivated,
            UserLifecycle.Deleted => MembershipEventKind.Deleted,
            _ => MembershipEventKind.Deactivated,
        };
        return new MembershipEvent(group.Id, group.DisplayName, kind, user.Id, user.Email,
            $"{old.Lifecycle} → {user.Lifecycle} in the IdP (member of group {group.DisplayName})");
    }

    private static string EmailOf(string id, IdpDirectory after, IdpDirectory before) =>
        after.Users.GetValueOrDefault(id)?.Email ?? before.Users.GetValueOrDefault(id)?.Email ?? id;

    /// <summary>Whether two records of a user say the same (every field of <see cref="IdpUser"/>, the profile by value).</summary>
    public static bool SameUser(IdpUser a, IdpUser b) =>
        ReferenceEquals(a, b) || (a.Email == b.Email && a.Lifecycle == b.Lifecycle && a.Profile.Count == b.Profile.Count
        && a.Profile.All(kv => b.Profile.TryGetValue(kv.Key, out var v) && v == kv.Value));

    private sealed class AssignmentComparer : IEqualityComparer<AppAssignment>
    {
        public static readonly AssignmentComparer Instance = new();

        public bool Equals(AppAssignment? x, AppAssignment? y) =>
            x is not null && y is not null && x.UserId == y.UserId && x.GroupId == y.GroupId
            && x.Profile.Count == y.Profile.Count && x.Profile.All(kv => y.Profile.TryGetValue(kv.Key, out var v) && v == kv.Value);

        public int GetHashCode(AppAssignment obj) => HashCode.Combine(obj.UserId, obj.GroupId);
    }
}
