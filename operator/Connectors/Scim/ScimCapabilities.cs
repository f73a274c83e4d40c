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
