using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Bindings;

/// <summary>
/// Writes what the identity cache knows of a binding's group to its status: the resolved id, member count and digest,
/// when membership was last known, and Ready, Synced and GroupFound. Membership changes become Events through
/// <see cref="MembershipEventPublisher"/>. A group that vanished or an IdP that fails makes the binding not Ready; the
/// access model then treats the team as unknown or stale, so nobody loses access on its account.
/// Gather → <see cref="IdpGroupBindingDecision.Decide"/> (pure) → act.
/// </summary>
internal sealed class IdpGroupBindingReconciler(
    InformerSet informers,
    IdentityCache identity,
    IdentityWatchers watchers,
    StatusWriter status,
    TimeProvider time) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        var inputs = Gather(key);
        var decision = IdpGroupBindingDecision.Decide(inputs, time.GetUtcNow());
        if (decision.RequestRead)
        {
            watchers.RequestRead(inputs.IdpKey);
        }

        if (inputs.Binding is { } binding && decision.Status is { } next)
        {
            await status.UpdateAsync(binding, b => b.Status = next, cancellationToken);
        }

        return ReconcileResult.Success;
    }

    private IdpGroupBindingInputs Gather(ResourceKey key)
    {
        if (informers.Get<IdpGroupBinding>().Cache.Get(key) is not { } binding || binding.Metadata.DeletionTimestamp is not null)
        {
            return new IdpGroupBindingInputs(null, "", false, null);
        }

        var idpKey = ResourceKeys.Sibling(binding.Metadata, binding.Spec.IdentityProviderRef.Name);
        var idpExists = informers.Get<IdentityProvider>().Cache.Get(new ResourceKey(key.Namespace, binding.Spec.IdentityProviderRef.Name)) is not null;
        return new IdpGroupBindingInputs(binding, idpKey, idpExists, identity.Get(idpKey));
    }
}
