using Cerby.Operator.Planning;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// Incremental change detection: polls the System Log from a cursor, drops events already handled (by uuid), reads
/// again what the new events name (tracked groups' members, users, the app integration's assignments), and returns the
/// update with the cursor to poll from next. The cursor and the seen uuids advance only when everything was read, so a
/// failed poll is repeated, never lost. One feed per IdentityProvider, polled by one caller at a time (the seen uuids
/// are its state); the first cursor is <see cref="OktaLogCursor.Since"/> the start of the last full read.
/// </summary>
internal sealed class OktaChangeFeed(OktaClient okta, TimeProvider time, ILogger logger, int maxPagesPerPoll = 50)
{
    private readonly RecentEventIds _seen = new();

    /// <param name="current">The directory as the caller holds it: its groups are the ones tracked.</param>
    /// <param name="appId">The app integration's id, when the IdentityProvider has one.</param>
    public async Task<OktaFeedResult> PollAsync(IdpDirectory current, string? appId, OktaLogCursor cursor, CancellationToken cancellationToken)
    {
        var (events, next) = await ReadNewEventsAsync(cursor, cancellationToken);
        var (update, fresh) = await ApplyAsync(current, appId, events, cancellationToken);
        return new OktaFeedResult(update, next, fresh);
    }

    /// <summary>
    /// Reads again what events not handled before name, from the System Log or an Event Hook delivery, and only then
    /// remembers their uuids: events whose reads failed are handled when they come again.
    /// </summary>
    public async Task<(IdentityUpdate Update, IReadOnlyList<OktaLogEvent> Fresh)> ApplyAsync(IdpDirectory current, string? appId, IReadOnlyList<OktaLogEvent> events, CancellationToken cancellationToken)
    {
        var fresh = events.Where(e => !_seen.Contains(e.Uuid)).DistinctBy(e => e.Uuid).ToList();
        logger.SystemLogPolled(current.Name, fresh.Count, events.Count - fresh.Count);

        var update = await ReadChangesAsync(current, appId, OktaChangeHints.From(fresh), cancellationToken);
        foreach (var logEvent in fresh)
        {
            _seen.Add(logEvent.Uuid);
        }

        return (update, fresh);
    }

    private async Task<(List<OktaLogEvent> Events, OktaLogCursor Next)> ReadNewEventsAsync(OktaLogCursor cursor, CancellationToken cancellationToken)
    {
        var events = new List<OktaLogEvent>();
        var page = new Uri(cursor.Url, UriKind.RelativeOrAbsolute);
        for (var pages = 0; pages < maxPagesPerPoll; pages++)
        {
            var (batch, next) = await okta.GetLogPageAsync(page, cancellationToken);
            events.AddRange(batch);
            if (next is null)
            {
                // Bounded queries end; polling resumes from the last event seen (its uuid is deduplicated).
                var since = events.Count > 0 ? events.Max(e => e.Published) : time.GetUtcNow();
                return (events, OktaLogCursor.Since(since));
            }

            page = next;
            if (batch.Count == 0)
            {
                break; // caught up: in polling mode the next link is always there, even on an empty page
            }
        }

        return (events, new OktaLogCursor(page.IsAbsoluteUri ? page.AbsoluteUri : page.OriginalString));
    }

    private async Task<IdentityUpdate> ReadChangesAsync(IdpDirectory current, string? appId, OktaChangeHints hints, CancellationToken cancellationToken)
    {
        IReadOnlyList<AppAssignment>? assignments = null;
        var groupNames = hints.Groups.Where(current.Groups.ContainsKey).ToDictionary(id => id, id => current.Groups[id].DisplayName, StringComparer.Ordinal);
        if (appId is not null && hints.Apps.Contains(appId))
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
        foreach (var (groupId, name) in groupNames)
        {
            var members = await okta.ListGroupMembersAsync(groupId, cancellationToken);
            groups.Add(new IdpGroup(groupId, name, MembershipState.Known, members.Select(m => m.Id).ToList(), time.GetUtcNow()));
            foreach (var member in members.Where(m => hints.Users.ContainsKey(m.Id) || !current.Users.ContainsKey(m.Id)))
            {
                users[member.Id] = OktaUserMapping.ToIdpUser(member);
            }
        }

        foreach (var (userId, login) in hints.Users.Where(u => !users.ContainsKey(u.Key)))
        {
            users[userId] = await okta.GetUserAsync(userId, cancellationToken) is { } user
                ? OktaUserMapping.ToIdpUser(user)
                : OktaUserMapping.Deleted(userId, current.Users.GetValueOrDefault(userId)?.Email ?? login);
        }

        return new IdentityUpdate(groups, users.Values.ToList(), assignments);
    }
}

/// <summary>One poll's outcome: the update to apply, where to poll next, and the new events it came from.</summary>
internal sealed record OktaFeedResult(IdentityUpdate Update, OktaLogCursor Next, IReadOnlyList<OktaLogEvent> Events);
