using System.Collections.Concurrent;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.LinkedIn;
using Cerby.Operator.Connectors.GitHub;
using Cerby.Operator.Connectors.GoogleAds;
using Cerby.Operator.Connectors.Meta;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.Connectors.TikTok;
using Cerby.Operator.HttpEdge;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>A hub's connector, and whether the reconciler must keep a ledger of the members it provisioned.</summary>
/// <param name="KeepsLedger">True where the app cannot mark operator-created members (Meta).</param>
internal sealed record HubConnection(IAppConnector Connector, bool KeepsLedger, string Type)
{
    /// <summary>The HTTP client the connector sends through, owned by the connection (its connection pool).</summary>
    public HttpClient? Http { get; init; }

    /// <summary>How many of the hub's writes may be in flight, adapted to the app's throttling; kept with the connection across syncs.</summary>
    public AdaptiveConcurrency Writes { get; init; } = new(TimeProvider.System);
}

/// <summary>What a hub's connector is built from besides the hub: its Secret, its assets, its mapped attributes.</summary>
internal sealed record ConnectionInputs(SecretData Secret, IReadOnlyCollection<AssetRef> Assets, IReadOnlyList<string> AttributePaths);

/// <summary>
/// One connector per hub, kept while its inputs (connector spec, roles, Secret version, assets, attributes) stay the
/// same, so the app's connection pool and capabilities are reused across syncs. A connection that is replaced or
/// forgotten has its HTTP client disposed (its pooled connections closed): a hub's syncs run one at a time, so nothing
/// still sends through it.
/// </summary>
internal sealed class HubConnections(TimeProvider time)
{
    /// <summary>The Secret key holding the app token.</summary>
    public const string TokenKey = "token";

    /// <summary>The Secret key holding a Google Ads developer token.</summary>
    public const string GoogleAdsDeveloperTokenKey = "developerToken";
    private readonly ConcurrentDictionary<string, (string Fingerprint, HubConnection Connection)> _connections = new(StringComparer.Ordinal);

    /// <summary>The hub's connection; throws <see cref="ArgumentException"/> when the Secret lacks the token.</summary>
    public HubConnection Get(BusinessHub hub, string hubKey, ConnectionInputs inputs)
    {
        var connector = hub.Spec.Connector;
        var fingerprint = string.Join('|',
            connector.Type, connector.BaseUrl, connector.BusinessId, connector.ScimRoleMapping, connector.BusinessCenterId, connector.GitHub, connector.GoogleAds, inputs.Secret.ResourceVersion,
            connector.LinkedIn is { } linkedIn ? $"{linkedIn.AdAccountId}/{linkedIn.Version}/{string.Join(',', linkedIn.People.Select(p => $"{p.Email}={p.PersonUrn}"))}" : "",
            string.Join(',', hub.Spec.Roles.Select(r => r.NativeRole)),
            string.Join(',', hub.Spec.Roles.Select(r => string.Join('+', r.AssetTasks))),
            string.Join(',', inputs.Assets.Select(a => a.ToString()).Order(StringComparer.Ordinal)),
            string.Join(',', inputs.AttributePaths));
        if (_connections.TryGetValue(hubKey, out var cached) && cached.Fingerprint == fingerprint)
        {
            return cached.Connection;
        }

        var token = inputs.Secret.Text(TokenKey)
            ?? throw new ArgumentException($"the credentials Secret {connector.CredentialsSecretRef.Name} has no \"{TokenKey}\" key");
        var http = EdgeClients.Create(connector.BaseUrl, connector.Type is ConnectorType.Meta or ConnectorType.TikTok ? null : token);
        HubConnection connection;
        try
        {
            connection = Create(hub, hubKey, inputs, token, http) with { Http = http, Writes = new AdaptiveConcurrency(time) };
        }
        catch
        {
            http.Dispose();
            throw;
        }

        Replace(hubKey, (fingerprint, connection));
        return connection;
    }

    /// <summary>Drops the hub's connection (the hub was deleted) and closes its client.</summary>
    public void Forget(string hubKey)
    {
        if (_connections.TryRemove(hubKey, out var gone))
        {
            gone.Connection.Http?.Dispose();
        }
    }

    private void Replace(string hubKey, (string Fingerprint, HubConnection Connection) next)
    {
        HubConnection? previous = null;
        _connections.AddOrUpdate(hubKey, next, (_, old) =>
        {
            previous = old.Connection;
            return next;
        });
        if (previous is not null && !ReferenceEquals(previous.Http, next.Connection.Http))
        {
            previous.Http?.Dispose();
        }
    }

    private HubConnection Create(BusinessHub hub, string hubKey, ConnectionInputs inputs, string token, HttpClient http)
    {
        var connector = hub.Spec.Connector;
        return connector.Type switch
        {
            ConnectorType.Meta => new HubConnection(
                new MetaConnector(
                    http,
                    token,
                    new MetaConnectorOptions(hubKey, connector.BusinessId ?? "", inputs.Assets),
                    time),
                KeepsLedger: true,
                "meta"),
            ConnectorType.TikTok => new HubConnection(
                new TikTokConnector(
                    http,
                    token,
                    new TikTokConnectorOptions(hubKey, connector.BusinessCenterId ?? "", inputs.Assets) { RoleTasks = [.. hub.Spec.Roles.Select(r => r.AssetTasks)] },
                    time),
                KeepsLedger: true,
                "tiktok"),
            ConnectorType.LinkedIn => new HubConnection(
                new LinkedInConnector(
                    http,
                    LinkedInConnectorOptions.Of(hubKey, connector.LinkedIn ?? throw new ArgumentException("a linkedin connector needs spec.connector.linkedIn")),
                    time),
                KeepsLedger: true,
                "linkedin"),
            ConnectorType.GitHub => new HubConnection(
                new GitHubConnector(
                    http,
                    new GitHubConnectorOptions(hubKey, connector.GitHub?.Organization ?? "",
                        new GitHubLogins(connector.GitHub?.EmailDomain ?? "", connector.GitHub?.LoginSuffix ?? ""), inputs.Assets),
                    time),
                KeepsLedger: true,
                "github"),
            ConnectorType.GoogleAds => new HubConnection(
                new GoogleAdsConnector(
                    http,
                    inputs.Secret.Text(GoogleAdsDeveloperTokenKey) ?? throw new ArgumentException($"the credentials Secret {connector.CredentialsSecretRef.Name} has no \"{GoogleAdsDeveloperTokenKey}\" key"),
                    new GoogleAdsConnectorOptions(hubKey, connector.GoogleAds?.CustomerId ?? "", connector.GoogleAds?.LoginCustomerId),
                    time),
                KeepsLedger: true,
                "googleAds"),
            _ => new HubConnection(
                new ScimConnector(
                    http,
                    new ScimConnectorOptions(hubKey, connector.ScimRoleMapping, [.. hub.Spec.Roles.Select(r => r.NativeRole).Distinct(StringComparer.Ordinal)], inputs.AttributePaths),
                    time),
                KeepsLedger: false,
                "scim"),
        };
    }
}
