using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>
/// A business hub on one Google Ads customer account, through the Google Ads API REST interface: user accesses
/// (CustomerUserAccess) and access invitations (CustomerUserAccessInvitation) are the members, AccessRole the native role.
/// </summary>
/// <remarks>Members always read as not managed: Google Ads cannot tag people, so the reconciler keeps a ledger.</remarks>
internal sealed class GoogleAdsConnector : IAppConnector
{
    private readonly GoogleAdsMembershipReader reader;
    private readonly GoogleAdsChangeApplier applier;

    /// <param name="http">A client whose BaseAddress is the hub's baseUrl with its version (https://googleads.googleapis.com/v25/) and that sends the OAuth token (see EdgeClients).</param>
    /// <param name="developerToken">The developer token, sent only as the developer-token header.</param>
    /// <param name="options">The customer, the manager it is reached through, paging and retry bounds.</param>
    /// <param name="time">Clock for backoff waits.</param>
    public GoogleAdsConnector(HttpClient http, string developerToken, GoogleAdsConnectorOptions options, TimeProvider time)
    {
        var client = new GoogleAdsClient(http, developerToken, options, time);
        var directory = new GoogleAdsDirectory(new GoogleAdsSearch(client, options));
        reader = new GoogleAdsMembershipReader(directory, options);
        applier = new GoogleAdsChangeApplier(client, directory);
    }

    /// <inheritdoc />
    public Task<ActualAccess> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken) => applier.ApplyAsync(change, cancellationToken);

    /// <inheritdoc />
    /// <remarks>An invitation for a person the kept state shows nothing for is created without a search before it.</remarks>
    public Task<ApplyResult> ApplyFromKnownStateAsync(AccessChange change, CancellationToken cancellationToken) => applier.ApplyAsync(change, cancellationToken, stateKnown: true);

    /// <inheritdoc />
    /// <remarks>Two GAQL searches (user accesses, invitations) filtered by the people's emails, whatever the account's size.</remarks>
    public Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken) => reader.ReadMembersAsync(users, cancellationToken);
}
