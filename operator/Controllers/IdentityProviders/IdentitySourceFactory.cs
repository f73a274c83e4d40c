using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Identity.Scim;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers.IdentityProviders;

/// <summary>Builds the <see cref="IIdentitySource"/> an IdentityProvider asks for, from its spec and its Secret.</summary>
internal sealed class IdentitySourceFactory(OktaEventHookEndpoints oktaHooks, ScimRegistry scimInbound, IdentityStateStores stores, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The Secret key of a scim IdentityProvider: the bearer token the IdP must present.</summary>
    public const string ScimBearerTokenKey = "bearerToken";

    /// <summary>Forgets what was registered for a deleted IdentityProvider (its hook and SCIM URLs answer 404 again).</summary>
    public void Forget(string idpKey)
    {
        oktaHooks.Unregister(idpKey);
        scimInbound.Unregister(idpKey);
    }

    /// <summary>A new source; throws <see cref="ArgumentException"/> naming a missing Secret key or setting (never a value).</summary>
    public IIdentitySource Create(IdentityProvider idp, string idpKey, SecretData secret)
    {
        var spec = idp.Spec;
        switch (spec.Type)
        {
            case IdentityProviderType.Okta:
                var okta = spec.Okta ?? throw new ArgumentException("type okta needs spec.okta");
                var oktaLogger = loggers.CreateLogger<OktaIdentitySource>();
                var client = OktaClientFactory.Create(new Uri(okta.OrgUrl), OktaCredentials.FromSecret(okta, secret.Data), time, oktaLogger);
                var hooks = secret.Text(OktaEventHookEndpoints.SecretKey) is { } authorization ? oktaHooks.Register(idpKey, authorization) : null;
                if (hooks is null)
                {
                    oktaHooks.Unregister(idpKey);
                }

                var fastest = Interval(okta.LogPollInterval);
                var polling = new AdaptivePollOptions(fastest, Interval(okta.LogIdlePollInterval, AdaptivePollOptions.DefaultIdle), spec.RateLimit?.MaxShare ?? AdaptivePollOptions.DefaultMaxSharePercent);
                return new OktaIdentitySource(client, idpKey, spec.AppIntegration?.AppId, fastest, time, oktaLogger, hooks, polling);
            case IdentityProviderType.Entra:
                if (spec.Entra is null)
                {
                    throw new ArgumentException("type entra needs spec.entra");
                }

                return EntraIdentitySource.FromResource(idp, secret.Data, time, loggers.CreateLogger<EntraIdentitySource>()); // polls as spec.entra and spec.rateLimit say
            case IdentityProviderType.Scim:
                var token = secret.Text(ScimBearerTokenKey)
                    ?? throw new ArgumentException($"the credentials Secret has no \"{ScimBearerTokenKey}\" key: the token the IdP must present to the operator's SCIM endpoint");
                return scimInbound.Register(idpKey, token, stores.For(idp));
            default:
                throw new ArgumentException($"identity provider type {spec.Type} is not supported");
        }
    }

    private static TimeSpan Interval(string duration, TimeSpan? fallback = null) =>
        GoDuration.TryParse(duration, out var interval) && interval > TimeSpan.Zero ? interval : fallback ?? TimeSpan.FromSeconds(2);
}
