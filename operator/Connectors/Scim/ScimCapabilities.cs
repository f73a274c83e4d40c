using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>What the app's <c>/ServiceProviderConfig</c> (RFC 7643 §5) says it supports.</summary>
/// <param name="Patch">PATCH is supported; otherwise changes are written with PUT of the whole user.</param>
/// <param name="ETag">Resources carry versions; writes then send If-Match with the version read.</param>
/// <param name="Filter">Filtering is supported (needed to find a user by userName).</param>
/// <param name="FilterMaxResults">The most results the app returns for one query; 0 when it does not say.</param>
/// <param name="Bulk">/Bulk takes at least two operations per request: changes needing two operations are one call.</param>
internal sealed record ScimCapabilities(bool Patch, bool ETag, bool Filter, int FilterMaxResults, bool Bulk)
{
    /// <summary>The page size when the app does not advertise filter.maxResults.</summary>
    public const int UnadvertisedPageSize = 200;

    /// <summary>The largest page asked for, whatever the app advertises: a page is held in memory whole, as text and as JSON.</summary>
    public const int MaxPageSize = 1_000;

    /// <summary>
    /// The <c>count</c> to ask per list page: <paramref name="asked"/> when given, else as many as the app advertises
    /// (filter.maxResults, at most <see cref="MaxPageSize"/>), else <see cref="UnadvertisedPageSize"/>; never more than
    /// the advertised filter.maxResults. Fewer calls for the same read: 30,000 users are 30 pages at 1,000, not 150 at 200.
    /// </summary>
    public int PageSize(int? asked)
    {
        var wanted = asked ?? (FilterMaxResults > 0 ? Math.Min(FilterMaxResults, MaxPageSize) : UnadvertisedPageSize);
        return Math.Max(1, FilterMaxResults > 0 ? Math.Min(wanted, FilterMaxResults) : wanted);
    }

    /// <summary>
    /// The <c>count</c> to ask per page of Groups: as <see cref="PageSize"/>, but at most <see cref="UnadvertisedPageSize"/>,
    /// since a group carries its members and a page of groups can weigh far more than a page of users.
    /// </summary>
    public int GroupPageSize(int? asked) => Math.Min(PageSize(asked), UnadvertisedPageSize);

    /// <summary>Reads /ServiceProviderConfig. An app without one (404/501) is taken to support neither PATCH, ETags nor /Bulk, but filters.</summary>
    public static async Task<ScimCapabilities> ReadAsync(ScimApi api, CallTally calls, CancellationToken cancellationToken)
    {
        var response = await api.SendAsync(HttpMethod.Get, "ServiceProviderConfig", null, calls, cancellationToken);
        if (response.Status is 404 or 501)
        {
            return new ScimCapabilities(Patch: false, ETag: false, Filter: true, FilterMaxResults: 0, Bulk: false);
        }

        var config = ScimServiceProviderConfig.Read(response.EnsureSucceeded().Object);
        return new ScimCapabilities(config.Patch, config.ETag, config.Filter, config.FilterMaxResults, config.Bulk && (config.BulkMaxOperations is null or >= 2));
    }
}
