using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// A hub in a TikTok Business Center, through the TikTok API for Business v1.3 <c>/bc/</c> endpoints: Business Center
/// members and pending invitations are the members, the managed ad accounts' and catalogs' members their assets.
/// </summary>
/// <remarks>Members always read as not managed: TikTok cannot tag people, so the reconciler keeps a ledger.</remarks>
internal sealed class TikTokConnector : IAppConnector
{
    private readonly TikTokMembershipReader reader;
    private readonly TikTokChangeApplier applier;

    /// <param name="http">BaseAddress is the hub's baseUrl, e.g. https://business-api.tiktok.com/open_api/v1.3/; its Timeout bounds each call.</param>
    /// <param name="accessToken">The long-term access token, sent only in the Access-Token header.</param>
    /// <param name="options">The Business Center, the managed assets, paging and retry bounds.</param>
    /// <param name="time">Clock for backoff waits.</param>
    public TikTokConnector(HttpClient http, string accessToken, TikTokConnectorOptions options, TimeProvider time)
    {
        var client = new TikTokClient(http, accessToken, options, time);
        var lookup = new TikTokLookup(new TikTokPager(client, options), options);
        reader = new TikTokMembershipReader(lookup, options);
        applier = new TikTokChangeApplier(client, lookup, options);
    }

    /// <inheritdoc />
    public Task<ActualAccess> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(new CallTally(), cancellationToken);

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken) => applier.ApplyAsync(change, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// One keyword-filtered member list per person; the full read when the hub manages assets or the keyword finds
    /// nobody (the filter's fields are undocumented, so "none found" is not "none"). See <see cref="TikTokMembershipReader.ReadMembersAsync"/>.
    /// </remarks>
    public async Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken) =>
        await reader.ReadMembersAsync(users, new CallTally(), cancellationToken).ConfigureAwait(false)
        ?? MemberReads.Of(users, await ReadAsync(cancellationToken).ConfigureAwait(false));
}
