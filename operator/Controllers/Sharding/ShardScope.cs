using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Informers;

namespace Cerby.Operator.Controllers.Sharding;

/// <summary>
/// What one shard handles, derived from the hubs it sees. The BusinessHub informer of a shard lists only the hubs that
/// match its selector (the API server filters), so a hub is in the shard when it is in that cache; then, following the
/// references outwards: a TeamShare when its hub is; an IdpGroupBinding when a share in the shard uses its team; an
/// IdentityProvider when a binding in the shard reads it, its app integration targets a hub in the shard, or a
/// single-user share in the shard resolves its user in that namespace. Everything else belongs to another shard and is
/// neither reconciled nor read here. An unsharded instance (no selector) handles everything.
/// </summary>
internal sealed class ShardScope(InformerSet informers, bool sharded)
{
    public bool Sharded => sharded;

    public bool Contains(TeamShare share) =>
        !sharded || informers.Get<BusinessHub>().Cache.Get(new ResourceKey(share.Metadata.NamespaceProperty ?? "", share.Spec.HubRef.Name)) is not null;

    /// <summary>
    /// A review of one hub when that hub is in the shard. A review of a whole namespace is left to an unsharded instance:
    /// two shards would each write their own lines into its one status (documented: per-hub reviews when sharding).
    /// </summary>
    public bool Contains(AccessReview review) =>
        !sharded || (review.Spec.HubRef is { } hub && informers.Get<BusinessHub>().Cache.Get(new ResourceKey(review.Metadata.NamespaceProperty ?? "", hub.Name)) is not null);

    public bool Contains(IdpGroupBinding binding) =>
        !sharded || informers.Get<TeamShare>().Cache.ByIndex(Indexes.SharesByTeam, ResourceKeys.Sibling(binding.Metadata, binding.Spec.Team)).Any(Contains);

    public bool Contains(IdentityProvider idp)
    {
        if (!sharded)
        {
            return true;
        }

        var ns = idp.Metadata.NamespaceProperty ?? "";
        if (idp.Spec.AppIntegration is { } app && informers.Get<BusinessHub>().Cache.Get(new ResourceKey(ns, app.HubRef.Name)) is not null)
        {
            return true;
        }

        if (informers.Get<IdpGroupBinding>().Cache.ByIndex(Indexes.BindingsByIdp, ResourceKeys.Of(idp.Metadata)).Any(Contains))
        {
            return true;
        }

        return informers.Get<TeamShare>().Cache.List().Any(s => s.Metadata.NamespaceProperty == idp.Metadata.NamespaceProperty && s.Spec.Subject.User is not null && Contains(s));
    }
}
