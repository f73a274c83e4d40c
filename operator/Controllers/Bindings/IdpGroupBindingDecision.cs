using System.Security.Cryptography;
using System.Text;
using Cerby.Operator.Controllers.Vocabulary;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Cache;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.Runtime.Objects;

namespace Cerby.Operator.Controllers.Bindings;

/// <summary>What a binding's reconcile does (<see cref="Decide"/>, pure): its status, and whether its group must be looked up.</summary>
/// <param name="RequestRead">The IdentityProvider has been read but has not looked this group up yet (a new or changed binding).</param>
/// <param name="Status">The status to write; null when the binding is gone.</param>
internal sealed record IdpGroupBindingDecision(bool RequestRead, IdpGroupBindingStatus? Status)
{
    public static IdpGroupBindingDecision Decide(IdpGroupBindingInputs inputs, DateTimeOffset now)
    {
        if (inputs.Binding is not { } binding)
        {
            return new(false, null);
        }

        var state = inputs.State;
        var lookup = state?.Groups.FirstOrDefault(g => g.Reference == binding.Spec.Group);
        var requestRead = state is not null && lookup is null && state.LastFullRead is not null;
        return new(requestRead, StatusOf(binding, inputs.IdpKey, inputs.IdpExists, state, lookup, now));
    }

    private static IdpGroupBindingStatus StatusOf(IdpGroupBinding binding, string idpKey, bool idpExists, IdpState? state, GroupLookup? lookup, DateTimeOffset now)
    {
        var previous = binding.Status ?? new IdpGroupBindingStatus();
        var generation = binding.Metadata.Generation ?? 0;
        var conditions = new List<Condition>(previous.Conditions);
        void Condition(string type, ConditionStatus value, string reason, string message) =>
            Conditions.Set(conditions, type, value, reason, message, generation, now);

        var group = lookup?.GroupId is { } id && state is not null ? state.Directory.Groups.GetValueOrDefault(id) : null;
        if (!idpExists)
        {
            Condition(ConditionTypes.GroupFound, ConditionStatus.Unknown, ConditionReasons.IdentityProviderNotFound, $"IdentityProvider {idpKey} does not exist");
        }
        else if (lookup is null)
        {
            Condition(ConditionTypes.GroupFound, ConditionStatus.Unknown, ConditionReasons.Pending, $"IdentityProvider {idpKey} has not looked the group up yet");
        }
        else
        {
            var (found, reason) = lookup.Outcome switch
            {
                GroupLookupOutcome.Read or GroupLookupOutcome.MembersUnreadable => (ConditionStatus.True, ConditionReasons.Found),
                GroupLookupOutcome.NotFound => (ConditionStatus.False, ConditionReasons.GroupNotFound),
                GroupLookupOutcome.Ambiguous => (ConditionStatus.False, ConditionReasons.GroupAmbiguous),
                _ => (ConditionStatus.Unknown, ConditionReasons.LookupFailed),
            };
            Condition(ConditionTypes.GroupFound, found, reason, lookup.Problem ?? $"group {group?.DisplayName ?? lookup.GroupId} found");
        }

        var (synced, syncedReason, syncedMessage) = group?.State switch
        {
            MembershipState.Known => (ConditionStatus.True, ConditionReasons.MembershipKnown, $"{group.MemberIds.Count} members, read completely at {group.KnownAt:u}"),
            MembershipState.Stale => (ConditionStatus.False, ConditionReasons.MembershipStale, $"last-known members are kept; nobody loses access on their account until the IdP answers again: {state?.Problem ?? "not read recently"}"),
            MembershipState.Unknown => (ConditionStatus.False, ConditionReasons.MembershipUnknown, $"members could not be read: {lookup?.Problem ?? state?.Problem}"),
            _ => (ConditionStatus.False, ConditionReasons.MembershipUnknown, "membership is not known yet; nobody loses access on this team's account meanwhile"),
        };
        Condition(ConditionTypes.Synced, synced, syncedReason, syncedMessage);
        var ready = Conditions.IsTrue(conditions, ConditionTypes.GroupFound) && synced == ConditionStatus.True;
        var notReady = Conditions.Find(conditions, ConditionTypes.GroupFound) is { Status: not ConditionStatus.True } gf ? gf : Conditions.Find(conditions, ConditionTypes.Synced)!;
        Condition(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, ready ? ConditionReasons.MembershipKnown : notReady.Reason,
            ready ? $"feeds team {binding.Spec.Team} with {group!.MemberIds.Count} members" : notReady.Message);

        return previous with
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
