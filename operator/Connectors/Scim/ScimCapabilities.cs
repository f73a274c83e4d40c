using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;

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

        var config = response.EnsureSucceeded().Object;
        return new ScimCapabilities(
            Supported(config, "patch"),
            Supported(config, "etag"),
            Supported(config, "filter"),
            config["filter"]?["maxResults"] is JsonValue max && max.TryGetValue<int>(out var limit) ? limit : 0,
            Supported(config, "bulk") && (config["bulk"]?["maxOperations"] is not JsonValue most || !most.TryGetValue<int>(out var operations) || operations >= 2));
    }

    private static bool Supported(JsonObject config, string feature) =>
        config[feature]?["supported"] is JsonValue value && value.TryGetValue<bool>(out var supported) && supported;
}
