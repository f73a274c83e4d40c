using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// What System Log events say changed, split into what can be applied exactly as the events say it and what must be
/// read again. A membership event (<c>group.user_membership.add</c>/<c>.remove</c>) that succeeded, names both its user
/// and a tracked group whose membership is Known, and is not older than what the group already reflects is applied to
/// the member list directly: events replayed in published order onto a state that already reflects some of them end in
/// the same state. Anything less certain (a group whose membership is Unknown or Stale, an event without its user or
/// without an outcome, an event older than the group's last read or last applied event, an add and a remove of one
/// member at the same instant) re-reads just that group. Suspension, deactivation and deletion of a known user apply
/// directly (they only take access away); every other lifecycle or profile event reads the user again (one GET), as
/// widening access needs a read that confirms it. Unknown stays unknown: nothing is ever guessed.
/// </summary>
internal sealed class OktaEventEffects
{
    private OktaEventEffects()
    {
    }

    /// <summary>Membership changes to apply without a read, per group, in published order (true: add).</summary>
    public Dictionary<string, List<(string UserId, bool Add)>> Memberships { get; } = new(StringComparer.Ordinal);

    /// <summary>Tracked groups whose members must be read again.</summary>
    public HashSet<string> GroupsToRead { get; } = new(StringComparer.Ordinal);

    /// <summary>Users to read again (GET), with the login the event gave (for a deleted user).</summary>
    public Dictionary<string, string?> UsersToRead { get; } = new(StringComparer.Ordinal);

    /// <summary>Known users whose lifecycle an event narrowed (suspended, deactivated, deleted), applied without a read.</summary>
    public Dictionary<string, UserLifecycle> Lifecycles { get; } = new(StringComparer.Ordinal);

    /// <summary>Apps whose user or group assignments changed.</summary>
    public HashSet<string> Apps { get; } = new(StringComparer.Ordinal);

    /// <summary>The latest published time of the events applied directly, per group and per user.</summary>
    public Dictionary<string, DateTimeOffset> AppliedAt { get; } = new(StringComparer.Ordinal);

    /// <param name="current">The directory as the caller holds it: its groups are the ones tracked.</param>
    /// <param name="events">New events (not seen before).</param>
    /// <param name="reflectedUntil">Up to when a group's or user's state already reflects the log (its last read or last applied event).</param>
    public static OktaEventEffects From(IdpDirectory current, IEnumerable<OktaLogEvent> events, Func<string, DateTimeOffset?> reflectedUntil)
    {
        var effects = new OktaEventEffects();
        var pairs = new Dictionary<(string Group, string User), (DateTimeOffset At, bool Add)>();
        foreach (var logEvent in events.OrderBy(e => e.Published))
        {
            var targets = logEvent.Target ?? [];
            var type = logEvent.EventType;
            var user = targets.FirstOrDefault(t => t.Type == "User");
            if (Failed(logEvent))
            {
                continue; // attempted and refused: nothing changed
            }

            if (type is "group.user_membership.add" or "group.user_membership.remove")
            {
                foreach (var group in targets.Where(t => t.Type == "UserGroup" && current.Groups.ContainsKey(t.Id)))
                {
                    effects.Membership(current, logEvent, group.Id, user, type.EndsWith(".add", StringComparison.Ordinal), reflectedUntil, pairs);
                }
            }
            else if (type.StartsWith("user.lifecycle.", StringComparison.Ordinal) || type == "user.account.update_profile")
            {
                if (user is not null)
                {
                    effects.Lifecycle(current, logEvent, user, reflectedUntil);
                }
            }
            else if (type.StartsWith("application.user_membership.", StringComparison.Ordinal) || type.StartsWith("group.application_assignment.", StringComparison.Ordinal))
            {
                effects.Apps.UnionWith(targets.Where(t => t.Type == "AppInstance").Select(t => t.Id));
            }
        }

        foreach (var reread in effects.GroupsToRead)
        {
            effects.Memberships.Remove(reread);
        }

        return effects;
    }

    /// <summary>The lifecycle a System Log event type sets for certain and that only narrows access; null for anything else.</summary>
    public static UserLifecycle? Narrowing(string eventType) => eventType switch
    {
        "user.lifecycle.suspend" => UserLifecycle.Suspended,
        "user.lifecycle.deactivate" => UserLifecycle.Deactivated,
        "user.lifecycle.delete.initiated" or "user.lifecycle.delete.completed" => UserLifecycle.Deleted,
        _ => null,
    };

    private void Membership(IdpDirectory current, OktaLogEvent logEvent, string groupId, OktaLogTarget? user, bool add,
        Func<string, DateTimeOffset?> reflectedUntil, Dictionary<(string, string), (DateTimeOffset At, bool Add)> pairs)
    {
        if (user is not null && add && !current.Users.ContainsKey(user.Id))
        {
            UsersToRead.TryAdd(user.Id, user.AlternateId);
        }

        var exact = user is not null
            && Succeeded(logEvent)
            && current.Groups[groupId].State == MembershipState.Known
            && !(reflectedUntil(groupId) is { } until && logEvent.Published < until)
            && !(pairs.TryGetValue((groupId, user.Id), out var previous) && previous.At == logEvent.Published && previous.Add != add);
        if (!exact)
        {
            GroupsToRead.Add(groupId);
            return;
        }

        pairs[(groupId, user!.Id)] = (logEvent.Published, add);
        if (!Memberships.TryGetValue(groupId, out var changes))
        {
            Memberships[groupId] = changes = [];
        }

        changes.Add((user.Id, add));
        AppliedAt[groupId] = logEvent.Published;
    }

    private void Lifecycle(IdpDirectory current, OktaLogEvent logEvent, OktaLogTarget user, Func<string, DateTimeOffset?> reflectedUntil)
    {
        if (UsersToRead.ContainsKey(user.Id))
        {
            return; // the read comes after every event, so it reflects this one too
        }

        if (Narrowing(logEvent.EventType) is { } lifecycle && Succeeded(logEvent) && current.Users.ContainsKey(user.Id)
            && !(reflectedUntil(user.Id) is { } until && logEvent.Published < until))
        {
            Lifecycles[user.Id] = lifecycle;
            AppliedAt[user.Id] = logEvent.Published;
            return;
        }

        Lifecycles.Remove(user.Id);
        UsersToRead[user.Id] = user.AlternateId;
    }

    private static bool Succeeded(OktaLogEvent logEvent) => string.Equals(logEvent.Outcome?.Result, "SUCCESS", StringComparison.OrdinalIgnoreCase);

    private static bool Failed(OktaLogEvent logEvent) => logEvent.Outcome?.Result is { } result
        && (string.Equals(result, "FAILURE", StringComparison.OrdinalIgnoreCase) || string.Equals(result, "DENY", StringComparison.OrdinalIgnoreCase));
}
