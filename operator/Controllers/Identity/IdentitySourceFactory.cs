using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers.Identity;

/// <summary>Builds the <see cref="IIdentitySource"/> an IdentityProvider asks for, from its spec and its Secret.</summary>
internal sealed class IdentitySourceFactory(OktaEventHookEndpoints oktaHooks, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>Forgets what was registered for a deleted IdentityProvider (its event hook URL answers 404 again).</summary>
    public void Forget(string idpKey) => oktaHooks.Unregister(idpKey);

    /// <summary>A new source; throws <see cref="ArgumentException"/> naming a missing Secret key or setting (never a value).</summary>
    public IIdentitySource Create(IdentityProvider idp, string idpKey, SecretData secret)
    {
        var spec = idp.Spec;
        switch (spec.Type)
        {
            case IdentityProviderType.Okta:
                var okta = spec.Okta ?? throw new ArgumentException("type okta needs spec.okta");
                var logger = loggers.CreateLogger<OktaIdentitySource>();
                var client = OktaClientFactory.Create(new Uri(okta.OrgUrl), OktaCredentials.FromSecret(okta, secret.Data), time, logger);
                var poll = GoDuration.TryParse(okta.LogPollInterval, out var interval) && interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(30);
                var hooks = secret.Text(OktaEventHookEndpoints.SecretKey) is { } authorization ? oktaHooks.Register(idpKey, authorization) : null;
                if (hooks is null)
                {
                    oktaHooks.Unregister(idpKey);
                }

                return new OktaIdentitySource(client, idpKey, spec.AppIntegration?.AppId, poll, time, logger, hooks);
            default:
                throw new ArgumentException($"identity provider type {spec.Type} is not supported by this build");
        }
    }
}
