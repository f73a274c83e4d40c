using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>
/// A business hub on one LinkedIn ad account, through the versioned Marketing API's <c>adAccountUsers</c>: the
/// account's users are the members, their account role the native role. People are identified by person URN, mapped
/// from emails by <see cref="ILinkedInPeople"/>.
/// </summary>
internal sealed class LinkedInConnector : IAppConnector
{
    private readonly LinkedInMembershipReader reader;
    private readonly LinkedInChangeApplier applier;

    /// <param name="http">BaseAddress is the hub's baseUrl (https://api.linkedin.com/rest/); it sends the member token (see <see cref="HttpEdge.EdgeClients"/>).</param>
    /// <param name="options">The ad account, the people, the version, paging and retry bounds.</param>
    /// <param name="time">Clock for backoff waits and the daily quota's reset.</param>
    public LinkedInConnector(HttpClient http, LinkedInConnectorOptions options, TimeProvider time)
    {
        var api = new LinkedInApi(new ConnectorSender(http, options.Retry, LinkedInThrottling.Instance, time), options.Version);
        reader = new LinkedInMembershipReader(api, options);
        applier = new LinkedInChangeApplier(api, options);
    }

    /// <inheritdoc />
    public Task<ActualAccess> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(new CallTally(), cancellationToken);

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(AccessChange change, CancellationToken cancellationToken) => applier.ApplyAsync(change, cancellationToken);

    /// <inheritdoc />
    /// <remarks>One GET by key per person, and one page of the account's users when someone reads as absent.</remarks>
    public Task<MemberRead> ReadMembersAsync(IReadOnlyCollection<MemberLookup> users, CancellationToken cancellationToken) =>
        reader.ReadMembersAsync(users, new CallTally(), cancellationToken);
}
