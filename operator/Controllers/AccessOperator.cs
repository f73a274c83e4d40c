using Cerby.Operator.Controllers.Hubs;
using Cerby.Operator.Controllers.Bindings;
using Cerby.Operator.Controllers.IdentityProviders;
using Cerby.Operator.Controllers.Reviews;
using Cerby.Operator.Controllers.Shares;
using Cerby.Operator.Controllers.Sharding;
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
        services.AddSingleton(sp => new ShardScope(sp.GetRequiredService<InformerSet>(), sp.GetRequiredService<OperatorOptions>().HubSelector.Length > 0));
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
        var scope = sp.GetRequiredService<ShardScope>();
        IReconciler Scoped<T>(IReconciler reconciler, Func<T, bool> contains)
            where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> =>
            scope.Sharded ? new ShardScopedReconciler<T>(reconciler, informers, contains) : reconciler;

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
        var shares = New("teamshare", Scoped<TeamShare>(ActivatorUtilities.CreateInstance<TeamShareReconciler>(sp), scope.Contains))
            .For<TeamShare>(Predicates.GenerationChanged)
            .Watches<BusinessHub>(h => SharesOf(informers, h).Select(ResourceKey.Of), ShareTriggers.ShownToShares)
            .Watches<BusinessHub>(h => SharesOf(informers, h).Where(s => s.Metadata.DeletionTimestamp is not null).Select(ResourceKey.Of));
        var bindings = New("idpgroupbinding", Scoped<IdpGroupBinding>(ActivatorUtilities.CreateInstance<IdpGroupBindingReconciler>(sp), scope.Contains))
            .For<IdpGroupBinding>(Predicates.GenerationChanged)
            .Watches<IdentityProvider>(idp => informers.Get<IdpGroupBinding>().Cache.ByIndex(Indexes.BindingsByIdp, ResourceKeys.Of(idp.Metadata)).Select(ResourceKey.Of), Predicates.GenerationChanged);
        var reviews = New("accessreview", Scoped<AccessReview>(ActivatorUtilities.CreateInstance<AccessReviewReconciler>(sp), scope.Contains))
            .For<AccessReview>(Predicates.GenerationChanged)
            .Watches<BusinessHub>(h => informers.Get<AccessReview>().Cache.List()
                .Where(r => ReviewDenies.Covers(r, ResourceKeys.Of(h.Metadata))).Select(ResourceKey.Of));
        var idps = New("identityprovider", Scoped<IdentityProvider>(ActivatorUtilities.CreateInstance<IdentityProviderReconciler>(sp), scope.Contains))
            .For<IdentityProvider>(Predicates.GenerationChanged)
            .Watches<IdpGroupBinding>(b => [new ResourceKey(ResourceKeys.NamespaceOf(b.Metadata), b.Spec.IdentityProviderRef.Name)], Predicates.GenerationChanged);

        if (scope.Sharded)
        {
            // What a shard handles follows its hubs: a hub entering it (created, or labelled into the selector) brings its
            // shares, and a share brings the bindings of its team and their identity providers.
            shares.Watches<BusinessHub>(h => SharesOf(informers, h).Select(ResourceKey.Of));
            bindings.Watches<TeamShare>(s => BindingsOf(informers, s).Select(ResourceKey.Of))
                .Watches<BusinessHub>(h => SharesOf(informers, h).SelectMany(s => BindingsOf(informers, s)).Select(ResourceKey.Of).Distinct());
            idps.Watches<TeamShare>(s => IdpsOf(informers, s))
                .Watches<BusinessHub>(h => SharesOf(informers, h).SelectMany(s => IdpsOf(informers, s)).Distinct());
        }

        world.HubsAffected += keys =>
        {
            foreach (var key in keys)
            {
                hubs.Enqueue(KeyOf(key));
            }
        };
        world.ShareProblemsChanged += changed =>
        {
            foreach (var (key, invalidNow) in changed)
            {
                var queueKey = KeyOf(key);
                if (ShareProblems.MustShow(invalidNow, informers.Get<TeamShare>().Cache.Get(queueKey)))
                {
                    shares.Enqueue(queueKey);
                }
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

    private static IReadOnlyList<IdpGroupBinding> BindingsOf(InformerSet informers, TeamShare share) =>
        share.Spec.Subject.Team is { } team ? informers.Get<IdpGroupBinding>().Cache.ByIndex(Indexes.BindingsByTeam, ResourceKeys.Sibling(share.Metadata, team)) : [];

    /// <summary>The identity providers a share needs: those of its team's bindings; for a single-user share, every one in its namespace.</summary>
    private static IEnumerable<ResourceKey> IdpsOf(InformerSet informers, TeamShare share) =>
        share.Spec.Subject.User is not null
            ? informers.Get<IdentityProvider>().Cache.List().Where(i => i.Metadata.NamespaceProperty == share.Metadata.NamespaceProperty).Select(ResourceKey.Of)
            : BindingsOf(informers, share).Select(b => new ResourceKey(b.Metadata.NamespaceProperty ?? "", b.Spec.IdentityProviderRef.Name)).Distinct();

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
