using System.Security.Cryptography;
using System.Text;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Resources.Validation;
using Cerby.Operator.Runtime;
using Cerby.Operator.Runtime.Controllers;
using Cerby.Operator.Runtime.Informers;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Identity;

/// <summary>
/// Writes what the identity cache knows of a binding's group to its status: the resolved id, member count and digest,
/// when membership was last known, and Ready, Synced and GroupFound. Membership changes become Events through
/// <see cref="MembershipEventPublisher"/>. A group that vanished or an IdP that fails makes the binding not Ready; the
/// access model then treats the team as unknown or stale, so nobody loses access on its account.
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
        if (informers.Get<IdpGroupBinding>().Cache.Get(key) is not { } binding || binding.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Success;
        }

        var idpKey = ResourceKeys.Sibling(binding.Metadata, binding.Spec.IdentityProviderRef.Name);
        var idpExists = informers.Get<IdentityProvider>().Cache.Get(new ResourceKey(key.Namespace, binding.Spec.IdentityProviderRef.Name)) is not null;
        var state = identity.Get(idpKey);
        var lookup = state?.Groups.FirstOrDefault(g => g.Reference == binding.Spec.Group);
        if (state is not null && lookup is null && state.LastFullRead is not null)
        {
            watchers.RequestRead(idpKey); // a new or changed binding: its group has not been looked up yet
        }

        await status.UpdateAsync(binding, b => Set(b, idpKey, idpExists, state, lookup), cancellationToken);
        return ReconcileResult.Success;
    }

    private void Set(IdpGroupBinding binding, string idpKey, bool idpExists, IdpState? state, GroupLookup? lookup)
    {
        var previous = binding.Status ?? new IdpGroupBindingStatus();
        var generation = binding.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        void Condition(string type, ConditionStatus value, string reason, string message) =>
            Conditions.Set(conditions, type, value, reason, message, generation, time);

        var group = lookup?.GroupId is { } id && state is not null ? state.Directory.Groups.GetValueOrDefault(id) : null;
        if (!idpExists)
        {
            Condition(ConditionTypes.GroupFound, ConditionStatus.Unknown, "IdentityProviderNotFound", $"IdentityProvider {idpKey} does not exist");
        }
        else if (lookup is null)
        {
            Condition(ConditionTypes.GroupFound, ConditionStatus.Unknown, "Pending", $"IdentityProvider {idpKey} has not looked the group up yet");
        }
        else
        {
            var (found, reason) = lookup.Outcome switch
            {
                GroupLookupOutcome.Read or GroupLookupOutcome.MembersUnreadable => (ConditionStatus.True, "Found"),
                GroupLookupOutcome.NotFound => (ConditionStatus.False, "GroupNotFound"),
                GroupLookupOutcome.Ambiguous => (ConditionStatus.False, "GroupAmbiguous"),
                _ => (ConditionStatus.Unknown, "LookupFailed"),
            };
            Condition(ConditionTypes.GroupFound, found, reason, lookup.Problem ?? $"group {group?.DisplayName ?? lookup.GroupId} found");
        }

        var (synced, syncedReason, syncedMessage) = group?.State switch
        {
            MembershipState.Known => (ConditionStatus.True, "MembershipKnown", $"{group.MemberIds.Count} members, read completely at {group.KnownAt:u}"),
            MembershipState.Stale => (ConditionStatus.False, "MembershipStale", $"last-known members are kept; nobody loses access on their account until the IdP answers again: {state?.Problem ?? "not read recently"}"),
            MembershipState.Unknown => (ConditionStatus.False, "MembershipUnknown", $"members could not be read: {lookup?.Problem ?? state?.Problem}"),
            _ => (ConditionStatus.False, "MembershipUnknown", "membership is not known yet; nobody loses access on this team's account meanwhile"),
        };
        Condition(ConditionTypes.Synced, synced, syncedReason, syncedMessage);
        var ready = Conditions.IsTrue(conditions, ConditionTypes.GroupFound) && synced == ConditionStatus.True;
        var notReady = Conditions.Find(conditions, ConditionTypes.GroupFound) is { Status: not ConditionStatus.True } gf ? gf : Conditions.Find(conditions, ConditionTypes.Synced)!;
        Condition(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, ready ? "MembershipKnown" : notReady.Reason,
            ready ? $"feeds team {binding.Spec.Team} with {group!.MemberIds.Count} members" : notReady.Message);

        binding.Status = previous with
        {
            ObservedGeneration = generation,
            Conditions = conditions,
            GroupId = lookup?.GroupId ?? previous.GroupId,
            MemberCount = group is { State: not MembershipState.Unknown } ? group.MemberIds.Count : previous.MemberCount,
            MembershipDigest = group is { State: not MembershipState.Unknown } ? Digest(group.MemberIds) : previous.MembershipDigest,
            MembershipKnownAt = group?.KnownAt ?? previous.MembershipKnownAt,
        };
    }

    private static string Digest(IEnumerable<string> memberIds) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', memberIds.Order(StringComparer.Ordinal)))));
}
