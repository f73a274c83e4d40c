using System.Net.Http;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// An Okta org as an <see cref="IIdentitySource"/>: full reads through <see cref="OktaDirectoryReader"/>, changes through
/// the System Log (<see cref="OktaChangeFeed"/>) from a cursor set at the start of the last full read, and, when an
/// Event Hook receiver is attached, deliveries that wake the watcher at once and are applied without waiting for the log.
/// </summary>
internal sealed class OktaIdentitySource : IIdentitySource, IGroupReadingSource, Durable.IResumableIdentitySource
{
    private readonly OktaClient _okta;
    private readonly OktaDirectoryReader _reader;
    private readonly OktaChangeFeed _feed;
    private readonly string _idpKey;
    private readonly string? _appId;
    private readonly AdaptivePollSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly OktaEventHookReceiver? _hooks;
    private readonly IDisposable? _attached;
    private OktaLogCursor? _cursor;
    private DateTimeOffset _nextLogPoll;

    /// <param name="pollInterval">The System Log poll interval; with <paramref name="polling"/>, the fastest one.</param>
    /// <param name="polling">Adaptive polling (idle interval, rate-limit share); null polls every <paramref name="pollInterval"/>.</param>
    public OktaIdentitySource(OktaClient okta, string idpKey, string? appId, TimeSpan pollInterval, TimeProvider time, ILogger logger, OktaEventHookReceiver? hooks = null,
        AdaptivePollOptions? polling = null)
    {
        (_okta, _idpKey, _appId, _time, _hooks) = (okta, idpKey, appId, time, hooks);
        _reader = new OktaDirectoryReader(okta, time, logger);
        _feed = new OktaChangeFeed(okta, time, logger);
        _schedule = new AdaptivePollSchedule(polling ?? AdaptivePollOptions.Fixed(pollInterval), hooks is not null);
        _nextLogPoll = time.GetUtcNow() + _schedule.Interval;
        _attached = hooks?.Attach();
    }

    /// <summary>The delay the System Log poll is at now (it adapts to traffic and to the rate limit).</summary>
    public TimeSpan LogPollDelay => _nextLogPoll - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Where System Log polling resumes; persist its <see cref="OktaLogCursor.Url"/> to resume after a restart.</summary>
    public OktaLogCursor? LogCursor => _cursor;

    string? Durable.IResumableIdentitySource.Cursor => _cursor?.Url;

    /// <summary>Resumes System Log polling from a persisted link; one for another org is refused (the token never goes elsewhere).</summary>
    public bool TryResume(string cursor)
    {
        // "/api/…" parses as an absolute file: URI on Unix: only http(s) links are absolute here.
        var own = (cursor.StartsWith('/') && !cursor.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(cursor, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                && Uri.Compare(absolute, _okta.Org, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
        if (!own || !cursor.Contains("/api/v1/logs", StringComparison.Ordinal))
        {
            return false;
        }

        _cursor = new OktaLogCursor(cursor);
        return true;
    }

    public Task<IdentityRead> ReadAsync(IReadOnlyList<IdpGroupReference> boundGroups, CancellationToken cancellationToken) =>
        ReadFullAsync(boundGroups, null, cancellationToken);

    public Task<IdentityRead> ReadAsync(IReadOnlyList<IdpGroupReference> boundGroups, GroupsFirst groupsFirst, CancellationToken cancellationToken) =>
        ReadFullAsync(boundGroups, groupsFirst, cancellationToken);

    private async Task<IdentityRead> ReadFullAsync(IReadOnlyList<IdpGroupReference> boundGroups, GroupsFirst? groupsFirst, CancellationToken cancellationToken)
    {
        // Changes made while the read runs are in the log after this moment: polling from here misses none of them.
        var started = _time.GetUtcNow();
        var read = await _reader.ReadAsync(_idpKey, boundGroups, _appId, cancellationToken, groupsFirst);
        _cursor = OktaLogCursor.Since(started);
        _feed.Reset();
        return read;
    }

    /// <summary>
    /// Newly bound groups only. The log cursor stays where it is: a change to these groups made while they are read is
    /// in the log after the cursor too, and applying it again changes nothing.
    /// </summary>
    public Task<GroupsRead> ReadGroupsAsync(IReadOnlyList<IdpGroupReference> groups, CancellationToken cancellationToken) =>
        _reader.ReadGroupsAsync(_idpKey, groups, cancellationToken);

    public async Task<IdentityUpdate> PollAsync(IdpDirectory current, CancellationToken cancellationToken)
    {
        if (_cursor is null)
        {
            // No cursor (no read yet): what happened before now is a gap no event can fill; only a full read can.
            _cursor = OktaLogCursor.Since(_time.GetUtcNow());
            return new IdentityUpdate([], [], null) { FullReadNeeded = true };
        }

        try
        {
            var hooked = DrainHookEvents();
            var logDue = _time.GetUtcNow() >= _nextLogPoll;
            if (hooked.Count > 0)
            {
                // A delivery is applied at once; the System Log is polled only when its (safety-net) turn comes.
                var (fromHooks, _) = await _feed.ApplyAsync(current, _appId, hooked, cancellationToken);
                return logDue ? Merge(fromHooks, await PollLogAsync(fromHooks.ApplyTo(current), cancellationToken)) : fromHooks;
            }

            return logDue ? await PollLogAsync(current, cancellationToken) : new IdentityUpdate([], [], null);
        }
        catch (Exception e) when (e is OktaApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new IdentitySourceException($"Okta org {_okta.Org.Host} could not be polled: {e.Message}", e);
        }
    }

    public async Task WaitForChangesAsync(CancellationToken cancellationToken)
    {
        var wait = LogPollDelay;
        if (_hooks is null)
        {
            await Task.Delay(wait, _time, cancellationToken);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, timeout.Token);
        var delivery = _hooks.Events.WaitToReadAsync(timeout.Token).AsTask();
        await Task.WhenAny(delay, delivery);
        await timeout.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public ValueTask DisposeAsync()
    {
        _attached?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IdentityUpdate> PollLogAsync(IdpDirectory current, CancellationToken cancellationToken)
    {
        var result = await _feed.PollAsync(current, _appId, _cursor ?? OktaLogCursor.Since(_time.GetUtcNow()), cancellationToken);
        _cursor = result.Next;
        var now = _time.GetUtcNow();
        _nextLogPoll = now + _schedule.Next(result.Events.Count, result.Requests, _okta.LogBudget, now);
        return result.Update;
    }

    private List<OktaLogEvent> DrainHookEvents()
    {
        var events = new List<OktaLogEvent>();
        while (_hooks is not null && _hooks.Events.TryRead(out var logEvent))
        {
            events.Add(logEvent);
        }

        return events;
    }

    private static IdentityUpdate Merge(IdentityUpdate first, IdentityUpdate second) => new(
        [.. first.Groups.Where(g => second.Groups.All(s => s.Id != g.Id)), .. second.Groups],
        [.. first.Users.Where(u => second.Users.All(s => s.Id != u.Id)), .. second.Users],
        second.Assignments ?? first.Assignments);
}
