using Cerby.Operator.Connectors;
using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime.Objects;
using k8s;

namespace Cerby.Operator.Cli;

/// <summary>What a hub's app has, read live; and since when the operator has known each member (its ledger).</summary>
internal sealed record LiveApp(ActualAccess Actual, IReadOnlyDictionary<string, DateTimeOffset> Since);

/// <summary>
/// Reads one hub's app through the connector the operator builds for it (<see cref="HubConnections"/>), with the
/// credentials of the Secret the hub names, and overlays the hub's ledger (<c>cerby-ledger-&lt;hub&gt;</c>) as the
/// reconciler does. Only <see cref="IAppConnector.ReadAsync"/> is called: a complete read, never a write.
/// </summary>
internal static class LiveAppReader
{
    /// <summary>The app's members, or why they could not be read (the hub is then unknown, never empty).</summary>
    public static async Task<(LiveApp? App, string? Problem)> ReadAsync(
        BusinessHub hub, DeclaredState declared, IKubernetes client, SecretReader secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        var hubKey = ResourceKeys.Of(hub.Metadata);
        var ns = ResourceKeys.NamespaceOf(hub.Metadata);
        var secretName = hub.Spec.Connector.CredentialsSecretRef.Name;
        try
        {
            if (await secrets.ReadAsync(ns, secretName, cancellationToken) is not { } secret)
            {
                return (null, $"the app could not be read: Secret {ns}/{secretName} does not exist");
            }

            var connection = new HubConnections(time).Get(hub, hubKey, new ConnectionInputs(secret, AssetsOf(hubKey, declared), AttributePathsOf(hub, declared)));
            var actual = await connection.Connector.ReadAsync(cancellationToken);
            var ledger = await ManagedLedger.LoadAsync(client, ns, hub.Metadata.Name, cancellationToken, keepsMembers: connection.KeepsLedger);
            if (ledger.KeepsMembers)
            {
                var managed = ledger.Keys;
                actual = actual with { Members = actual.Members.ToDictionary(kv => kv.Key, kv => kv.Value with { Managed = kv.Value.Managed || managed.Contains(kv.Key) }, StringComparer.Ordinal) };
            }

            return (new LiveApp(actual, ledger.Since), null);
        }
        catch (ConnectorException e)
        {
            return (null, $"the app could not be read ({e.Kind}): {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or HttpRequestException or k8s.Autorest.HttpOperationException
                                      or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"the app could not be read: {e.Message}");
        }
    }

    /// <summary>The assets the hub's shares name: the connector reads who holds each (as the reconciler passes them).</summary>
    private static List<AssetRef> AssetsOf(string hubKey, DeclaredState declared) =>
        [.. declared.Shares.Where(s => ResourceKeys.Sibling(s.Metadata, s.Spec.HubRef.Name) == hubKey)
            .SelectMany(s => s.Spec.Assets).Select(a => new AssetRef(a.Kind, a.Id)).Distinct()];

    /// <summary>The app attributes the IdP app integrations of this hub map (as the reconciler passes them).</summary>
    private static List<string> AttributePathsOf(BusinessHub hub, DeclaredState declared) =>
        [.. declared.IdentityProviders
            .Where(idp => idp.Metadata.NamespaceProperty == hub.Metadata.NamespaceProperty && idp.Spec.AppIntegration?.HubRef.Name == hub.Metadata.Name)
            .SelectMany(idp => idp.Spec.AppIntegration!.AttributeMappings).Select(m => m.AppAttribute).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
