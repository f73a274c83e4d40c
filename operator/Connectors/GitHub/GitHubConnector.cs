using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>
/// A business hub that is a GitHub organization, through the REST API (version 2022-11-28): org members (admin or
/// member) and pending invitations are the members, team memberships (maintainer or member) their assets.
/// </summary>
/// <remarks>Members always read as not managed: GitHub cannot tag people, so the reconciler keeps a ledger.</remarks>
internal sealed class GitHubConnector : IAppConnector
{
    private readonly GitHubMembershipReader reader;
    private readonly GitHubChangeApplier applier;

    /// <param name="http">BaseAddress is the hub's baseUrl (https://api.github.com); it sends the token (see <see cref="HttpEdge.EdgeClients"/>).</param>
    /// <param name="options">The organization, the login rule, the teams, paging and retry bounds.</param>
    /// <param name="time">Clock for invitation expiry and rate-limit waits.</param>
    public GitHubConnector(HttpClient http, GitHubConnectorOptions options, TimeProvider time)
    {
        var client = new GitHubClient(http, options, time);
        reader = new GitHubMembershipReader(client, new GitHubPager(client, options), options, time);
        applier = new GitHubChangeApplier(client, options);
    }

    /// <inheritdoc />
    public Task<ActualAccess> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(new CallTally(), cancellationToken);

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken) => applier.ApplyAsync(change, cancellationToken);

    /// <inheritdoc />
    /// <remarks>An org role is PUT without the membership read before it: one call per change.</remarks>
    public Task<ApplyResult> ApplyFromKnownStateAsync(AccessChange change, CancellationToken cancellationToken) => applier.ApplyAsync(change, cancellationToken, stateKnown: true);

    /// <inheritdoc />
    /// <remarks>
    /// One membership GET per person and at most one invitations list per call (see
    /// <see cref="GitHubMembershipReader.ReadMembersAsync"/>); a hub that reads teams answers with a full read.
    /// </remarks>
    public async Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken) =>
        await reader.ReadMembersAsync(users, new CallTally(), cancellationToken).ConfigureAwait(false)
        ?? MemberReads.Of(users, await ReadAsync(cancellationToken).ConfigureAwait(false));
}
