using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// An Entra ID tenant read through Microsoft Graph: full reads (users, bound groups' transitive members, the enterprise
/// app's role assignments) and, between them, delta rounds on users and groups. The delta links are the source's state:
/// read them from <see cref="DeltaLinks"/> after each read or poll to persist them, and give them back with
/// <see cref="ResumeFrom"/> after a restart. Without usable links (none yet, expired) a poll reads again what the caller
/// tracks instead. Polls adapt (<see cref="AdaptivePollSchedule"/>): every deltaPollInterval while changes flow, backing off
/// to deltaIdlePollInterval when they come back empty, and never using more than rateLimit.maxShare of the budget Graph
/// states or documents (<see cref="EntraBudgetWatch"/>), counted in resource units.
/// </summary>
internal sealed class EntraIdentitySource : IIdentitySource, Durable.IResumableIdentitySource
{
    /// <summary>The fixed poll interval of a source built without adaptive polling options.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>spec.entra.deltaPollInterval when it does not parse.</summary>
    public static readonly TimeSpan DefaultFastestPollInterval = TimeSpan.FromSeconds(2);

    private readonly string _idpKey;
    private readonly string? _appId;
    private readonly EntraGraph _graph;
    private readonly EntraDirectoryReader _reader;
    private readonly EntraDeltaFeed _feed;
    private readonly EntraResync _resync;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AdaptivePollSchedule _schedule;
    private DateTimeOffset _nextPoll;
    private IReadOnlyDictionary<string, IReadOnlySet<string>> _nested = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);

    /// <param name="idpKey">The IdentityProvider's key (namespace/name): the directory's name.</param>
    /// <param name="settings">Tenant, client, and the Graph and authority endpoints.</param>
    /// <param name="appId">The enterprise app's service principal id, when the IdentityProvider has an app integration.</param>
    /// <param name="pollInterval">The poll interval without <paramref name="polling"/>; 5 s when null.</param>
    /// <param name="policy">Retries, timeouts and page limits.</param>
    /// <param name="transport">The innermost HTTP handler; a fresh <see cref="SocketsHttpHandler"/> when null.</param>
    /// <param name="polling">Adaptive polling (fastest and idle intervals, budget share); null polls every <paramref name="pollInterval"/>.</param>
    public EntraIdentitySource(string idpKey, EntraSettings settings, EntraCredentials credentials, string? appId, TimeProvider time, ILogger logger,
        TimeSpan? pollInterval = null, EntraRetryPolicy? policy = null, HttpMessageHandler? transport = null, AdaptivePollOptions? polling = null)
    {
        _idpKey = idpKey;
        _appId = appId;
        _time = time;
        _logger = logger;
        _schedule = new AdaptivePollSchedule(polling ?? AdaptivePollOptions.Fixed(pollInterval ?? DefaultPollInterval), pushed: false);
        _nextPoll = time.GetUtcNow() + _schedule.Interval;
        _graph = EntraGraphFactory.Create(new Uri(settings.GraphBaseUrl), new Uri(settings.AuthorityHost), credentials, time, logger, policy, transport);
        _reader = new EntraDirectoryReader(_graph, time, logger);
        _feed = new EntraDeltaFeed(_graph, time, logger);
        _resync = new EntraResync(_graph, time);
    }

    /// <summary>
    /// The source for an IdentityProvider of type entra, with the data of its credentials Secret, polling as its spec says
    /// (deltaPollInterval, deltaIdlePollInterval, rateLimit.maxShare).
    /// </summary>
    public static EntraIdentitySource FromResource(IdentityProvider provider, IReadOnlyDictionary<string, byte[]> secretData, TimeProvider time, ILogger logger,
        EntraRetryPolicy? policy = null)
    {
        var settings = provider.Spec.Entra ?? throw new ArgumentException("the IdentityProvider has no entra settings", nameof(provider));
        var polling = new AdaptivePollOptions(
            Interval(settings.DeltaPollInterval, DefaultFastestPollInterval),
            Interval(settings.DeltaIdlePollInterval, AdaptivePollOptions.DefaultIdle),
            provider.Spec.RateLimit?.MaxShare ?? AdaptivePollOptions.DefaultMaxSharePercent);
        return new EntraIdentitySource($"{provider.Metadata.NamespaceProperty}/{provider.Metadata.Name}", settings, EntraCredentials.FromSecret(settings, secretData),
            provider.Spec.AppIntegration?.AppId, time, logger, policy: policy, polling: polling);
    }

    /// <summary>How long until the next poll is due (it adapts to changes and to the budget).</summary>
    public TimeSpan PollDelay => _nextPoll - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Where the next poll starts; null before the first successful read or poll. Persist it to resume after a restart.</summary>
    public EntraDeltaLinks? DeltaLinks { get; private set; }

    /// <summary>Continues from links persisted earlier; links for another Graph endpoint are refused (tokens never go elsewhere).</summary>
    /// <remarks>Groups nested in tracked groups are not persisted: until the next full read, a change to a tracked group reads its members again.</remarks>
    public void ResumeFrom(EntraDeltaLinks links)
    {
        if (!_graph.IsOwnLink(links.Users) || !_graph.IsOwnLink(links.Groups))
        {
            throw new ArgumentException($"the delta links are not for {_graph.BaseUrl}", nameof(links));
        }

        DeltaLinks = links;
    }

    string? Durable.IResumableIdentitySource.Cursor => DeltaLinks is { } links ? System.Text.Json.JsonSerializer.Serialize(links) : null;

    /// <summary>Resumes from persisted delta links (as <see cref="ResumeFrom"/>); false when they are unreadable or for another endpoint.</summary>
    public bool TryResume(string cursor)
    {
        try
        {
            if (System.Text.Json.JsonSerializer.Deserialize<EntraDeltaLinks>(cursor) is not { } links)
            {
                return false;
            }

            ResumeFrom(links);
            return true;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            return false;
        }
    }

    public async Task<IdentityRead> ReadAsync(IReadOnlyList<IdpGroupReference> boundGroups, CancellationToken cancellationToken)
    {
        // The links come first: what changes during the read is polled again (delta processing is idempotent).
        EntraDeltaLinks? links = null;
        try
        {
            links = new EntraDeltaLinks(await _graph.LatestUsersDeltaLinkAsync(cancellationToken), await _graph.LatestGroupsDeltaLinkAsync(cancellationToken));
        }
        catch (EntraApiException e)
        {
            _logger.ReadFailed(_idpKey, "delta links", e.Message);
        }

        var full = await _reader.ReadAsync(_idpKey, boundGroups, _appId, cancellationToken);
        DeltaLinks = links;
        _nested = full.NestedGroups;
        return full.Read;
    }

    public async Task<IdentityUpdate> PollAsync(IdpDirectory current, CancellationToken cancellationToken)
    {
        var spentBefore = _graph.Budget.UnitsSpent;
        var changes = 0;
        try
        {
            EntraPollResult result;
            if (DeltaLinks is not { } links)
            {
                _logger.Resync(_idpKey, "no delta link yet");
                result = await _resync.RunAsync(current, _appId, cancellationToken);
            }
            else
            {
                try
                {
                    result = await _feed.PollAsync(current, _appId, links, _nested, cancellationToken);
                }
                catch (EntraApiException e) when (e.IsResyncRequired)
                {
                    _logger.Resync(_idpKey, e.Message);
                    result = await _resync.RunAsync(current, _appId, cancellationToken);
                }
            }

            DeltaLinks = result.Links;
            _nested = result.NestedGroups;
            changes = result.Changes;
            return result.Update;
        }
        catch (EntraApiException e)
        {
            _logger.PollFailed(_idpKey, e.Message);
            throw new IdentitySourceException($"Entra ID {_idpKey}: {e.Message}", e);
        }
        finally
        {
            var now = _time.GetUtcNow();
            _nextPoll = now + _schedule.Next(changes, _graph.Budget.UnitsSpent - spentBefore, _graph.Budget.Budget(now), now);
        }
    }

    public Task WaitForChangesAsync(CancellationToken cancellationToken) => Task.Delay(PollDelay, _time, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _graph.Dispose();
        return ValueTask.CompletedTask;
    }

    private static TimeSpan Interval(string duration, TimeSpan fallback) =>
        GoDuration.TryParse(duration, out var interval) && interval > TimeSpan.Zero ? interval : fallback;
}
