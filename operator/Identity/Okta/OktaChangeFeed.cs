using Cerby.Operator.Planning;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// Incremental change detection: polls the System Log from a cursor, drops events already handled (by uuid), applies
/// what the new events say exactly (a member joined or left a tracked group, a user was suspended, deactivated or
/// deleted) without reading the group, reads again only what they cannot say exactly (<see cref="OktaEventEffects"/>:
/// a group not Known, an out-of-order event, a new member's profile, a reactivated user, the app integration's
/// assignments), and returns the update with the cursor to poll from next. The cursor and the seen uuids advance only when everything was read, so a
/// failed poll is repeated, never lost. One feed per IdentityProvider, polled by one caller at a time (the seen uuids
/// are its state); the first cursor is <see cref="OktaLogCursor.Since"/> the start of the last full read.
/// </summary>
internal sealed class OktaChangeFeed(OktaClient okta, TimeProvider time, ILogger logger, int maxPagesPerPoll = 50)
{
    private readonly RecentEventIds _seen = new();
    private readonly Dictionary<string, DateTimeOffset> _reflectedUntil = new(StringComparer.Ordinal);

    /// <param name="current">The directory as the caller holds it: its groups are the ones tracked.</param>
    /// <param name="appId">The app integration's id, when the IdentityProvider has one.</param>
    public async Task<OktaFeedResult> PollAsync(IdpDirectory current, string? appId, OktaLogCursor cursor, CancellationToken cancellationToken)
    {
        var (events, next, requests) = await ReadNewEventsAsync(cursor, cancellationToken);
        var (update, fresh) = await ApplyAsync(current, appId, events, cancellationToken);
        return new OktaFeedResult(update, next, fresh) { Requests = requests };
    }

    /// <summary>
    /// Reads again what events not handled before name, from the System Log or an Event Hook delivery, and only then
    /// remembers their uuids: events whose reads failed are handled when they come again.
    /// </summary>
    public async Task<(IdentityUpdate Update, IReadOnlyList<OktaLogEvent> Fresh)> ApplyAsync(IdpDirectory current, string? appId, IReadOnlyList<OktaLogEvent> events, CancellationToken cancellationToken)
    {
        var fresh = events.Where(e => !_seen.Contains(e.Uuid)).DistinctBy(e => e.Uuid).ToList();
        logger.SystemLogPolled(current.Name, fresh.Count, events.Count - fresh.Count);

        var update = await ReadChangesAsync(current, appId, fresh, cancellationToken);
        foreach (var logEvent in fresh)
        {
            _seen.Add(logEvent.Uuid);
        }

        return (update, fresh);
    }

    private async Task<(List<OktaLogEvent> Events, OktaLogCursor Next, int Requests)> ReadNewEventsAsync(OktaLogCursor cursor, CancellationToken cancellationToken)
    {
        var events = new List<OktaLogEvent>();
        var page = new Uri(cursor.Url, UriKind.RelativeOrAbsolute);
        var pages = 0;
        for (; pages < maxPagesPerPoll; pages++)
        {
            var (batch, next) = await okta.GetLogPageAsync(page, cancellationToken);
            events.AddRange(batch);
            if (next is null)
            {
                // Bounded queries end; polling resumes from the last event seen (its uuid is deduplicated).
                var since = events.Count > 0 ? events.Max(e => e.Published) : time.GetUtcNow();
                return (events, OktaLogCursor.Since(since), pages + 1);
            }

            page = next;
            if (batch.Count == 0)
            {
                pages++;
                break; // caught up: in polling mode the next link is always there, even on an empty page
            }
        }

        return (events, new OktaLogCursor(page.IsAbsoluteUri ? page.AbsoluteUri : page.OriginalString), pages);
    }

    private async Task<IdentityUpdate> ReadChangesAsync(IdpDirectory current, string? appId, IReadOnlyList<OktaLogEvent> fresh, CancellationToken cancellationToken)
    {
        var effects = OktaEventEffects.From(current, fresh, id => ReflectedUntil(current, id));
        IReadOnlyList<AppAssignment>? assignments = null;
        var groupNames = effects.GroupsToRead.ToDictionary(id => id, id => current.Groups[id].DisplayName, StringComparer.Ordinal);
        if (appId is not null && effects.Apps.Contains(appId))
        {
            var appUsers = await okta.ListAppUsersAsync(appId, cancellationToken);
            var appGroups = await okta.ListAppGroupsAsync(appId, cancellationToken);
            assignments = OktaAssignments.From(appUsers, appGroups).ToList();
            foreach (var assigned in appGroups.Where(g => !current.Groups.ContainsKey(g.Id)))
            {
                groupNames.TryAdd(assigned.Id, assigned.Embedded?.Group?.Profile?.Name ?? assigned.Id);
            }
        }

        var users = new Dictionary<string, IdpUser>(StringComparer.Ordinal);
        var groups = new List<IdpGroup>();
        var readAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (groupId, name) in groupNames)
        {
            var members = await okta.ListGroupMembersAsync(groupId, cancellationToken);
            var now = time.GetUtcNow();
            readAt[groupId] = now;
            groups.Add(new IdpGroup(groupId, name, MembershipState.Known, members.Select(m => m.Id).ToList(), now));
            foreach (var member in members.Where(m => effects.UsersToRead.ContainsKey(m.Id) || !current.Users.ContainsKey(m.Id)))
            {
                users[member.Id] = OktaUserMapping.ToIdpUser(member);
            }
        }

        foreach (var (groupId, changes) in effects.Memberships.Where(m => !groupNames.ContainsKey(m.Key)))
        {
            groups.Add(Applied(current.Groups[groupId], changes));
        }

        foreach (var (userId, login) in effects.UsersToRead.Where(u => !users.ContainsKey(u.Key)))
        {
            users[userId] = await okta.GetUserAsync(userId, cancellationToken) is { } user
                ? OktaUserMapping.ToIdpUser(user)
                : OktaUserMapping.Deleted(userId, current.Users.GetValueOrDefault(userId)?.Email ?? login);
            readAt[userId] = time.GetUtcNow();
        }

        foreach (var (userId, lifecycle) in effects.Lifecycles.Where(l => !users.ContainsKey(l.Key)))
        {
            var known = current.Users[userId];
            users[userId] = lifecycle == UserLifecycle.Deleted ? OktaUserMapping.Deleted(userId, known.Email) : known with { Lifecycle = lifecycle };
        }

        // Only now that everything was read: what each group and user reflects moves forward.
        foreach (var (id, at) in effects.AppliedAt.Concat(readAt))
        {
            _reflectedUntil[id] = _reflectedUntil.TryGetValue(id, out var before) && before > at ? before : at;
        }

        if (groups.Count > 0 || users.Count > 0)
        {
            logger.ChangesApplied(current.Name, effects.Memberships.Count(m => !groupNames.ContainsKey(m.Key)), effects.Lifecycles.Count, groupNames.Count, effects.UsersToRead.Count);
        }

        return new IdentityUpdate(groups, users.Values.ToList(), assignments);
    }

    /// <summary>Forgets what events were applied since a full read: the read's own times take over.</summary>
    public void Reset() => _reflectedUntil.Clear();

    /// <summary>Until when a group or user already reflects the log: its last complete read or the last event applied to it.</summary>
    private DateTimeOffset? ReflectedUntil(IdpDirectory current, string id)
    {
        var knownAt = current.Groups.GetValueOrDefault(id)?.KnownAt is { } at ? TruncateToMilliseconds(at) : (DateTimeOffset?)null;
        var applied = _reflectedUntil.TryGetValue(id, out var last) ? TruncateToMilliseconds(last) : (DateTimeOffset?)null;
        return knownAt > applied || applied is null ? knownAt : applied;
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, at.Offset);

    /// <summary>A Known group with membership events applied in order; it stays as read completely at its last full read.</summary>
    private static IdpGroup Applied(IdpGroup group, List<(string UserId, bool Add)> changes)
    {
        var members = new List<string>(group.MemberIds);
        var present = new HashSet<string>(group.MemberIds, StringComparer.Ordinal);
        foreach (var (userId, add) in changes)
        {
            if (add && present.Add(userId))
            {
                members.Add(userId);
            }
            else if (!add && present.Remove(userId))
            {
                members.Remove(userId);
            }
        }

        return group with { MemberIds = members };
    }
}

/// <summary>One poll's outcome: the update to apply, where to poll next, and the new events it came from.</summary>
internal sealed record OktaFeedResult(IdentityUpdate Update, OktaLogCursor Next, IReadOnlyList<OktaLogEvent> Events)
{
    /// <summary>The System Log requests the poll made.</summary>
    public int Requests { get; init; } = 1;
}
