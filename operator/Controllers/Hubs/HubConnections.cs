using System.Collections.Concurrent;
using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.Connectors.LinkedIn;
using Cerby.Operator.Connectors.GitHub;
using Cerby.Operator.Connectors.GoogleAds;
using Cerby.Operator.Connectors.Meta;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.Connectors.TikTok;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Hubs;

/// <summary>A hub's connector, and whether the reconciler must keep a ledger of the members it provisioned.</summary>
/// <param name="KeepsLedger">True where the app cannot mark operator-created members (Meta).</param>
internal sealed record HubConnection(IAppConnector Connector, bool KeepsLedger, string Type);

/// <summary>What a hub's connector is built from besides the hub: its Secret, its assets, its mapped attributes.</summary>
internal sealed record ConnectionInputs(SecretData Secret, IReadOnlyCollection<AssetRef> Assets, IReadOnlyList<string> AttributePaths);

/// <summary>
/// One connector per hub, kept while its inputs (connector spec, roles, Secret version, assets, attributes) stay the
/// same, so the app's connection pool and capabilities are reused across syncs.
/// </summary>
internal sealed class HubConnections(TimeProvider time)
{
    /// <summary>The Secret key holding the app token.</summary>
    public const string TokenKey = "token";

    /// <summary>The Secret key holding a Google Ads developer token.</summary>
    public const string GoogleAdsDeveloperTokenKey = "developerToken";
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
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
        HubConnection connection = connector.Type switch
        {
            ConnectorType.Meta => new HubConnection(
                new MetaConnector(
                    new HttpClient { BaseAddress = new Uri(connector.BaseUrl), Timeout = AttemptTimeout },
                    token,
                    new MetaConnectorOptions(hubKey, connector.BusinessId ?? "", inputs.Assets),
                    time),
                KeepsLedger: true,
                "meta"),
            ConnectorType.TikTok => new HubConnection(
                new TikTokConnector(
                    new HttpClient { BaseAddress = new Uri(connector.BaseUrl.TrimEnd('/') + "/"), Timeout = AttemptTimeout },
                    token,
                    new TikTokConnectorOptions(hubKey, connector.BusinessCenterId ?? "", inputs.Assets) { RoleTasks = [.. hub.Spec.Roles.Select(r => r.AssetTasks)] },
                    time),
                KeepsLedger: true,
                "tiktok"),
            ConnectorType.LinkedIn => new HubConnection(
                new LinkedInConnector(
                    ConnectorHttpClients.Create(connector.BaseUrl, token, AttemptTimeout),
                    LinkedInConnectorOptions.Of(hubKey, connector.LinkedIn ?? throw new ArgumentException("a linkedin connector needs spec.connector.linkedIn")),
                    time),
                KeepsLedger: true,
                "linkedin"),
            ConnectorType.GitHub => new HubConnection(
                new GitHubConnector(
                    ConnectorHttpClients.Create(connector.BaseUrl, token, AttemptTimeout),
                    new GitHubConnectorOptions(hubKey, connector.GitHub?.Organization ?? "",
                        new GitHubLogins(connector.GitHub?.EmailDomain ?? "", connector.GitHub?.LoginSuffix ?? ""), inputs.Assets),
                    time),
                KeepsLedger: true,
                "github"),
            ConnectorType.GoogleAds => new HubConnection(
                new GoogleAdsConnector(
                    ConnectorHttpClients.Create(connector.BaseUrl, token, AttemptTimeout),
                    inputs.Secret.Text(GoogleAdsDeveloperTokenKey) ?? throw new ArgumentException($"the credentials Secret {connector.CredentialsSecretRef.Name} has no \"{GoogleAdsDeveloperTokenKey}\" key"),
                    new GoogleAdsConnectorOptions(hubKey, connector.GoogleAds?.CustomerId ?? "", connector.GoogleAds?.LoginCustomerId),
                    time),
                KeepsLedger: true,
                "googleAds"),
            _ => new HubConnection(
                new ScimConnector(
                    ConnectorHttpClients.Create(connector.BaseUrl, token, AttemptTimeout),
                    new ScimConnectorOptions(hubKey, connector.ScimRoleMapping, [.. hub.Spec.Roles.Select(r => r.NativeRole).Distinct(StringComparer.Ordinal)], inputs.AttributePaths),
                    time),
                KeepsLedger: false,
                "scim"),
        };
        _connections[hubKey] = (fingerprint, connection);
        return connection;
    }

    /// <summary>Drops the hub's connection (the hub was deleted).</summary>
    public void Forget(string hubKey) => _connections.TryRemove(hubKey, out _);
}
