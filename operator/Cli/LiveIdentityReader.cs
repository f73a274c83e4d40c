using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime.Objects;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerby.Operator.Cli;

/// <summary>
/// Reads an IdentityProvider live through the identity source the operator runs for it (Okta, Entra ID): one full
/// read of users, the bound groups and the app integration's assignments, GETs only. Inbound SCIM IdPs push to the
/// operator and are not read here.
/// </summary>
internal static class LiveIdentityReader
{
    /// <summary>The directory (parts that failed are marked unknown in it), or why the IdP could not be read at all.</summary>
    public static async Task<(IdpDirectory? Directory, string? Problem)> ReadAsync(
        IdentityProvider idp, DeclaredState declared, SecretReader secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        var idpKey = ResourceKeys.Of(idp.Metadata);
        var ns = ResourceKeys.NamespaceOf(idp.Metadata);
        if (idp.Spec.Type == IdentityProviderType.Scim)
        {
            return (null, $"IdentityProvider {idpKey} is pushed to the operator over SCIM; plan --live does not read its pushed state");
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

        var bound = declared.Bindings
            .Where(b => ResourceKeys.Sibling(b.Metadata, b.Spec.IdentityProviderRef.Name) == idpKey)
            .Select(b => b.Spec.Group).Distinct().ToList();
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
