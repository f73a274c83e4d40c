using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Controllers.Bindings;
using Cerby.Operator.Controllers.IdentityProviders;
using Cerby.Operator.Controllers.Reviews;
using Cerby.Operator.Controllers.Shares;
using Cerby.Operator.Controllers.World;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Identity.Scim;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Hosting;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cerby.Operator.Controllers;

/// <summary>
/// The composition root of the access operator: the identity cache and watchers, the access model, and the four
/// controllers with what each watches. Identity changes enqueue exactly the hubs they affect and the bindings and
/// IdentityProviders whose status they touch; a hub's sync refreshes the shares whose shown status it changed.
/// </summary>
internal static class AccessOperator
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var cache = new IdentityCache();
            IdentityMetrics.Register(cache, sp.GetRequiredService<TimeProvider>());
            return cache;
        });
        services.AddSingleton<IdentityWatchers>();
        services.AddSingleton<OktaEventHookEndpoints>();
        services.AddSingleton(sp => new ScimRegistry(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<ScimRegistry>()));
        services.AddSingleton<IdentityStateStores>();
        services.AddSingleton<IdentitySourceFactory>();
        // Every replica serves the identity providers' endpoints (not only the leader): a push to a standby is kept.
        services.AddSingleton<IdpEndpointRegistrar>();
        services.AddSingleton<IReadinessContributor>(sp => sp.GetRequiredService<IdpEndpointRegistrar>());
        services.AddHostedService(sp => sp.GetRequiredService<IdpEndpointRegistrar>());
        services.AddSingleton<SecretReader>();
        services.AddSingleton<HubConnections>();
        services.AddSingleton(sp => new HubApplyOptions(sp.GetRequiredService<OperatorOptions>().AppWriteConcurrency));
        services.AddSingleton<PlanApplier>();
        services.AddSingleton<AppStateCache>();
        services.AddSingleton<ShareGrantBoard>();
        services.TryAddSingleton(new ShareDeletionOptions());
        services.TryAddSingleton(sp => new ShareExpiryOptions(sp.GetRequiredService<OperatorOptions>().ShareExpiryWarning));
        services.AddSingleton(sp =>
        {
            var informers = sp.GetRequiredService<InformerSet>();
            Indexes.Register(informers);
            return new AccessWorld(informers, sp.GetRequiredService<IdentityCache>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AccessWorld>>());
        });
        services.AddSingleton<MembershipEventPublisher>();
        services.AddSingleton(Create);
    }

    /// <summary>The endpoints identity providers call on the operator's port: Okta Event Hooks and the inbound SCIM 2.0 service.</summary>
    public static void Map(WebApplication app)
    {
        app.Services.GetRequiredService<OktaEventHookEndpoints>().Map(app);
        ScimEndpoints.Map(app, app.Services.GetRequiredService<ScimRegistry>());
    }

    private static ControllerSet Create(IServiceProvider sp)
    {
        var world = sp.GetRequiredService<AccessWorld>(); // subscribes to the informers before any controller does
        var informers = sp.GetRequiredService<InformerSet>();
        var options = sp.GetRequiredService<OperatorOptions>();
        var time = sp.GetRequiredService<TimeProvider>();
        var loggers = sp.GetRequiredService<ILoggerFactory>();
        var identity = sp.GetRequiredService<IdentityCache>();
        var controllerOptions = new ControllerOptions { Workers = options.Workers, ReconcileTimeout = TimeSpan.FromMinutes(10) };
        Controller New(string name, IReconciler reconciler) =>
            new(name, reconciler, informers, controllerOptions, time, loggers.CreateLogger($"Cerby.Operator.Controllers.{name}"));

        var hubs = New("businesshub", ActivatorUtilities.CreateInstance<BusinessHubReconciler>(sp))
            .For<BusinessHub>(Predicates.GenerationOrAnnotationsChanged)
            .Watches<TeamShare>(s => [new ResourceKey(ResourceKeys.NamespaceOf(s.Metadata), s.Spec.HubRef.Name)], Predicates.GenerationChanged)
            .Watches<IdentityProvider>(
                idp => idp.Spec.AppIntegration is { } app ? [new ResourceKey(ResourceKeys.NamespaceOf(idp.Metadata), app.HubRef.Name)] : [],
                Predicates.GenerationChanged)
            .Watches<IdpGroupBinding>(b => HubsOfTeam(informers, b), Predicates.GenerationChanged)
            .Watches<AccessReview>(r => HubsOfReview(informers, r)); // decisions, frozen lines and deletion change denies
        // A share is reconciled when it changes, when what it shows of its hub changes (ShareTriggers), and when the count
        // of users it grants changes (ShareGrantBoard, posted by the hub's sync); a deleted one on every hub change.
        var shares = New("teamshare", ActivatorUtilities.CreateInstance<TeamShareReconciler>(sp))
            .For<TeamShare>(Predicates.GenerationChanged)
            .Watches<BusinessHub>(h => SharesOf(informers, h).Select(ResourceKey.Of), ShareTriggers.ShownToShares)
            .Watches<BusinessHub>(h => SharesOf(informers, h).Where(s => s.Metadata.DeletionTimestamp is not null).Select(ResourceKey.Of));
        var bindings = New("idpgroupbinding", ActivatorUtilities.CreateInstance<IdpGroupBindingReconciler>(sp))
            .For<IdpGroupBinding>(Predicates.GenerationChanged)
            .Watches<IdentityProvider>(idp => informers.Get<IdpGroupBinding>().Cache.ByIndex(Indexes.BindingsByIdp, ResourceKeys.Of(idp.Metadata)).Select(ResourceKey.Of), Predicates.GenerationChanged);
        var reviews = New("accessreview", ActivatorUtilities.CreateInstance<AccessReviewReconciler>(sp))
            .For<AccessReview>(Predicates.GenerationChanged)
            .Watches<BusinessHub>(h => informers.Get<AccessReview>().Cache.List()
                .Where(r => ReviewDenies.Covers(r, ResourceKeys.Of(h.Metadata))).Select(ResourceKey.Of));
        var idps = New("identityprovider", ActivatorUtilities.CreateInstance<IdentityProviderReconciler>(sp))
            .For<IdentityProvider>(Predicates.GenerationChanged)
            .Watches<IdpGroupBinding>(b => [new ResourceKey(ResourceKeys.NamespaceOf(b.Metadata), b.Spec.IdentityProviderRef.Name)], Predicates.GenerationChanged);

        world.HubsAffected += keys =>
        {
            foreach (var key in keys)
            {
                hubs.Enqueue(KeyOf(key));
            }
        };
        world.ShareProblemsChanged += keys =>
        {
            foreach (var key in keys)
            {
                shares.Enqueue(KeyOf(key));
            }
        };
        sp.GetRequiredService<ShareGrantBoard>().SharesChanged += keys =>
        {
            foreach (var key in keys)
            {
                shares.Enqueue(key);
            }
        };
        identity.Touched += idpKey =>
        {
            idps.Enqueue(KeyOf(idpKey));
            foreach (var binding in informers.Get<IdpGroupBinding>().Cache.ByIndex(Indexes.BindingsByIdp, idpKey))
            {
                bindings.Enqueue(ResourceKey.Of(binding));
            }
        };

        return new ControllerSet(
            [hubs, shares, bindings, idps, reviews],
            [sp.GetRequiredService<IdentityWatchers>().RunAsync, sp.GetRequiredService<MembershipEventPublisher>().RunAsync, sp.GetRequiredService<AppStateCache>().RunAsync]);
    }

    private static IReadOnlyList<TeamShare> SharesOf(InformerSet informers, BusinessHub hub) =>
        informers.Get<TeamShare>().Cache.ByIndex(Indexes.SharesByHub, ResourceKeys.Of(hub.Metadata));

    private static IEnumerable<ResourceKey> HubsOfTeam(InformerSet informers, IdpGroupBinding binding) =>
        informers.Get<TeamShare>().Cache.ByIndex(Indexes.SharesByTeam, ResourceKeys.Sibling(binding.Metadata, binding.Spec.Team))
            .Select(s => new ResourceKey(ResourceKeys.NamespaceOf(s.Metadata), s.Spec.HubRef.Name)).Distinct();

    private static IEnumerable<ResourceKey> HubsOfReview(InformerSet informers, AccessReview review) =>
        informers.Get<BusinessHub>().Cache.List()
            .Where(h => ReviewDenies.Covers(review, ResourceKeys.Of(h.Metadata)))
            .Select(ResourceKey.Of);

    /// <summary>The work-queue key of a domain key, by the domain's one rule for a missing namespace.</summary>
    private static ResourceKey KeyOf(string key)
    {
        var (ns, name) = ResourceKeys.Parse(key);
        return new ResourceKey(ns, name);
    }
}
