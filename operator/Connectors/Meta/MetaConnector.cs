using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// A business hub in Meta Business Manager, through the Graph API business endpoints: business users and pending
/// invitations are the members, the managed pages' and ad accounts' <c>assigned_users</c> their assets.
/// </summary>
/// <remarks>Members always read as not managed: Meta cannot tag people, so the reconciler keeps a ledger.</remarks>
internal sealed class MetaConnector : IAppConnector
{
    private readonly MetaMembershipReader reader;
    private readonly MetaChangeApplier applier;

    /// <param name="http">BaseAddress is the hub's baseUrl with its version, e.g. https://graph.facebook.com/v21.0; its Timeout bounds each call.</param>
    /// <param name="accessToken">The business's system-user token, sent only as a bearer header.</param>
    /// <param name="options">The business, the managed assets, paging and retry bounds.</param>
    /// <param name="time">Clock for invitation expiry and backoff waits.</param>
    public MetaConnector(HttpClient http, string accessToken, MetaConnectorOptions options, TimeProvider time)
    {
        var client = new MetaGraphClient(http, accessToken, options, time);
        var pager = new MetaPager(client, options);
        reader = new MetaMembershipReader(pager, options, time, client);
        applier = new MetaChangeApplier(client, pager, options, time);
    }

    /// <inheritdoc />
    public Task<ActualAccess> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(new GraphCallTally(), cancellationToken);

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken) => applier.ApplyAsync(change, cancellationToken);

    /// <inheritdoc />
    public Task<ApplyResult> ApplyFromKnownStateAsync(AccessChange change, CancellationToken cancellationToken) => applier.ApplyAsync(change, cancellationToken, stateKnown: true);

    /// <inheritdoc />
    public async Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken) =>
        await reader.ReadMembersAsync(users, new GraphCallTally(), cancellationToken).ConfigureAwait(false)
        ?? MemberReads.Of(users, await ReadAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public bool WritesUsersIndependently => true;
}
