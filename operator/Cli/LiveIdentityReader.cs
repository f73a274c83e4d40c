using Cerby.Operator.Controllers.IdentityProviders;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Durable;
using Cerby.Operator.Identity.Scim;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime.Objects;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Cli;

/// <summary>
/// Reads an IdentityProvider live as the operator does: Okta and Entra ID through the identity source the operator runs
/// for them (one full read of users, the bound groups and the app integration's assignments, GETs only); an inbound
/// SCIM IdP (which pushes to the operator) from the durable store every replica writes its pushes to, the
/// <c>cerby-idp-&lt;name&gt;</c> Secrets, read with GETs and never written.
/// </summary>
internal static class LiveIdentityReader
{
    /// <summary>The directory (parts that failed are marked unknown in it), or why the IdP could not be read at all.</summary>
    public static async Task<(IdpDirectory? Directory, string? Problem)> ReadAsync(
        IdentityProvider idp, DeclaredState declared, IKubernetes client, SecretReader secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        var idpKey = ResourceKeys.Of(idp.Metadata);
        var ns = ResourceKeys.NamespaceOf(idp.Metadata);
        var bound = declared.Bindings
            .Where(b => ResourceKeys.Sibling(b.Metadata, b.Spec.IdentityProviderRef.Name) == idpKey)
            .Select(b => b.Spec.Group).Distinct().ToList();
        if (idp.Spec.Type == IdentityProviderType.Scim)
        {
            return await ReadPushedAsync(idp, idpKey, bound, client, time, cancellationToken);
        }

        var secretName = idp.Spec.CredentialsSecretRef.Name;
        SecretData? secret;
        try
        {
            secret = await secrets.ReadAsync(ns, secretName, cancellationToken);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return (null, $"Secret {ns}/{secretName} of IdentityProvider {idpKey} could not be read: {e.Message}");
        }

        if (secret is null)
        {
            return (null, $"Secret {ns}/{secretName} of IdentityProvider {idpKey} does not exist");
        }

        try
        {
            await using var source = Create(idp, idpKey, secret, time);
            var read = await source.ReadAsync(bound, cancellationToken);
            return read.UsersProblem is { } problem
                ? (null, $"IdentityProvider {idpKey} could not be read: {problem}")
                : (read.Directory, null);
        }
        catch (Exception e) when (e is ArgumentException or IdentitySourceException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"IdentityProvider {idpKey} could not be read: {e.Message}");
        }
    }

    /// <summary>What an inbound SCIM IdP pushed, from its durable store (the same reader a new leader loads it with).</summary>
    private static async Task<(IdpDirectory? Directory, string? Problem)> ReadPushedAsync(
        IdentityProvider idp, string idpKey, IReadOnlyList<IdpGroupReference> bound, IKubernetes client, TimeProvider time, CancellationToken cancellationToken)
    {
        var store = new ScimStore(time);
        var durable = new SecretIdentityState(client, idp);
        try
        {
            await new ScimPersistence(store, durable, idpKey, NullLogger.Instance).RefreshAsync(cancellationToken);
        }
        catch (DurableStateException e)
        {
            return (null, $"IdentityProvider {idpKey}: what it pushed could not be read: {e.Message}");
        }

        var read = ScimDirectory.Read(idpKey, store.Snapshot(), bound, time.GetUtcNow(), durable: true);
        return read.UsersProblem is { } problem ? (null, problem) : (read.Directory, null);
    }

    /// <summary>The operator's own source for the IdP (no Event Hook receiver: a read, not a watch).</summary>
    private static IIdentitySource Create(IdentityProvider idp, string idpKey, SecretData secret, TimeProvider time)
    {
        var spec = idp.Spec;
        switch (spec.Type)
        {
            case IdentityProviderType.Okta:
                var okta = spec.Okta ?? throw new ArgumentException("type okta needs spec.okta");
                var client = OktaClientFactory.Create(new Uri(okta.OrgUrl), OktaCredentials.FromSecret(okta, secret.Data), time, NullLogger.Instance);
                return new OktaIdentitySource(client, idpKey, spec.AppIntegration?.AppId, TimeSpan.FromMinutes(1), time, NullLogger.Instance);
            case IdentityProviderType.Entra:
                return EntraIdentitySource.FromResource(idp, secret.Data, time, NullLogger.Instance);
            default:
                throw new ArgumentException($"identity provider type {spec.Type} is not supported");
        }
    }
}
