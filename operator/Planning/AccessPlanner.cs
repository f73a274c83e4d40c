using System.Runtime.InteropServices;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Planning;

/// <summary>
/// The decision point: from who should have access (<see cref="DesiredAccess"/>) and who the app has
/// (<see cref="ActualAccess"/>), the ordered changes that make the app right, each with its reason. Pure and
/// deterministic: no I/O, no clock, the same inputs give the same plan and the same hash.
/// </summary>
public static class AccessPlanner
{
    /// <summary>Plans one hub.</summary>
    /// <param name="approvedRemovalsHash">A held-removals hash a person approved; releases removals whose hash matches exactly.</param>
    /// <param name="approvedDriftHash">
    /// A drift report's hash a person approved (seed 002: check for updates, review the report, apply it): under drift
    /// policy report, the reported corrections whose hash matches exactly join the plan, still subject to unknown
    /// membership and the removal guard. A report that changed since it was reviewed is not applied.
    /// </param>
    public static AccessPlan Plan(HubModel hub, DesiredAccess desired, ActualAccess actual, string? approvedRemovalsHash = null, string? approvedDriftHash = null)
    {
        var changes = new List<AccessChange>();
        var drift = new List<DriftEntry>();
        var managesAssets = hub.Roles.Any(r => r.AssetTasks.Count > 0);

        // Members a share alone admits hold its one-grant list, so their entitlement is worked out once per share.
        var entitlements = new Dictionary<IReadOnlyList<Grant>, Entitlement?>(ReferenceEqualityComparer.Instance);
        foreach (var member in desired.Members.Values)
        {
            ref var entitled = ref CollectionsMarshal.GetValueRefOrAddDefault(entitlements, member.Grants, out var known);
            if (!known)
            {
                entitled = Entitlement.Of(hub, member);
            }

            actual.Members.TryGetValue(member.Key, out var present);
            if (entitled is not { } entitlement || (present is not null && member.Attributes.Count == 0 && entitlement.HeldBy(present)))
            {
                continue; // no role of the hub, or in sync: most members are, so nothing is built for them
            }

            PlanMember(hub, member, entitlement, present, managesAssets, desired.Ended.GetValueOrDefault(member.Key) ?? [], changes, drift);
        }

        foreach (var present in actual.Members.Values)
        {
            if (!desired.Members.ContainsKey(present.Key))
            {
                PlanLoss(hub, desired, present, changes, drift);
            }
        }

        var reported = Order(drift.Where(d => !d.Corrected).Select(d => d.Change));
        var driftHash = reported.Count == 0 ? null : PlanHash.Of(reported);
        if (driftHash is not null && string.Equals(driftHash, approvedDriftHash, StringComparison.Ordinal))
        {
            changes.AddRange(reported);
            drift = drift.Select(d => d with { Corrected = true }).ToList();
            driftHash = null;
        }

        var withheld = new List<AccessChange>();
        string? withheldReason = null;
        if (desired.Unknowns.Count > 0)
        {
            // Unknown is never empty, and it is scoped: a user whom an unknown team could hold, or whom an invalid share
            // names, loses no access now (unless the IdP itself says they are inactive); everyone else is planned.
            var reasons = new List<string>();
            foreach (var change in changes.Where(c => c.Kind.NarrowsAccess() && !desired.Inactive.ContainsKey(c.UserKey)))
            {
                var protecting = desired.Protecting(change.UserKey).Select(u => u.Reason).ToList();
                if (protecting.Count > 0)
                {
                    withheld.Add(change);
                    reasons.AddRange(protecting);
                }
            }

            changes.RemoveAll(withheld.Contains);
            withheldReason = withheld.Count == 0 ? null : TextLimits.JoinBounded(reasons.Distinct(StringComparer.Ordinal), "; ", TextLimits.ReasonChars);
        }

        var (held, holdReason, heldHash) = RemovalGuardCheck.Apply(hub.Policy.RemovalGuard, actual.Members.Count, changes, approvedRemovalsHash);
        changes.RemoveAll(held.Contains);

        // Connectors act on the app's own ids, so each change costs one call and no lookup.
        var ordered = Order(changes.Select(c => WithAppUserId(c, actual)));
        var orderedHeld = Order(held.Select(c => WithAppUserId(c, actual)));
        withheld = withheld.Select(c => WithAppUserId(c, actual)).ToList();
        return new AccessPlan(
            desired.Hub,
            ordered,
            orderedHeld,
            holdReason,
            heldHash,
            drift.OrderBy(d => d.Change.UserKey, StringComparer.Ordinal).ThenBy(d => d.Change.Kind).ToList(),
            Order(withheld),
            withheldReason,
            PlanHash.Of(ordered.Concat(orderedHeld)),
            driftHash);
    }

    private static void PlanMember(HubModel hub, DesiredMember member, Entitlement entitlement, ActualMember? present, bool managesAssets, IReadOnlyList<EndedGrant> ended, List<AccessChange> changes, List<DriftEntry> drift)
    {
        var role = entitlement.Role;
        if (present is null)
        {
            var why = entitlement.Justification();
            var attributes = member.Attributes.Count == 0 ? null : member.Attributes.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            var kind = hub.InviteRequired ? AccessChangeKind.Invite : AccessChangeKind.Add;
            changes.Add(new AccessChange(kind, member.Key, member.Email, null, role.Name, why, role.NativeRole,
                Attributes: attributes is not { Count: > 0 } ? null : attributes));
            if (!hub.InviteRequired)
            {
                foreach (var (asset, tasks) in entitlement.Assets)
                {
                    changes.Add(new AccessChange(AccessChangeKind.GrantAsset, member.Key, member.Email, null, Tasks(tasks), why, Asset: asset, Tasks: tasks));
                }
            }

            return;
        }

        if (present.State == MemberState.Invited)
        {
            // Pending until accepted: never invited twice; assets and attributes wait for the seat.
            if (present.InviteExpired)
            {
                changes.Add(new AccessChange(AccessChangeKind.Invite, member.Key, member.Email, "invited (expired)", role.Name,
                    $"the invite expired without being accepted, so it is sent again; {entitlement.Justification()}", role.NativeRole));
            }
            else if (!SameNative(present.NativeRole, role.NativeRole))
            {
                AddRoleChange(hub, present, role, entitlement.Justification(), ended, changes, drift);
            }

            return;
        }

        if (present.State == MemberState.Suspended)
        {
            changes.Add(new AccessChange(AccessChangeKind.Add, member.Key, member.Email, "suspended", role.Name, $"reactivated: {entitlement.Justification()}", role.NativeRole));
        }
        else if (!SameNative(present.NativeRole, role.NativeRole))
        {
            AddRoleChange(hub, present, role, entitlement.Justification(), ended, changes, drift);
        }

        PlanAssets(hub, member, entitlement, present, managesAssets, ended, changes, drift);
        PlanAttributes(member, present, changes);
    }

    private static void AddRoleChange(HubModel hub, ActualMember present, HubRoleModel role, string why, IReadOnlyList<EndedGrant> ended, List<AccessChange> changes, List<DriftEntry> drift)
    {
        var current = hub.RoleForNative(present.NativeRole);
        var from = current?.Name ?? (present.NativeRole is null ? null : $"native role {present.NativeRole}");
        if (current is not null && current.Rank > role.Rank)
        {
            changes.Add(new AccessChange(AccessChangeKind.RaiseRole, present.Key, present.Email, from, role.Name, $"{role.Name} outranks {current.Name}: {why}", role.NativeRole));
            return;
        }

        // A lower role, or a native role the hub does not declare: treated as narrowing, the cautious reading.
        // On a member the operator did not provision, the higher role is not ours to take away: that is drift.
        var endedRole = current is null ? null : EndedReasons(ended.Where(e => e.Grant.Role == current.Name));
        var lower = new AccessChange(AccessChangeKind.LowerRole, present.Key, present.Email, from, role.Name,
            !present.Managed ? $"{why}; {from ?? "its role"} was not granted by the operator"
            : endedRole is not null ? $"{why}; {endedRole}, and no other share grants {from}"
            : $"{why}; no share grants {from ?? "another role"} any more",
            role.NativeRole, Drift: !present.Managed);
        AddOrReport(lower, present.Managed, changes, drift, hub.Policy.Drift);
    }

    private static void PlanAssets(HubModel hub, DesiredMember member, Entitlement entitlement, ActualMember present, bool managesAssets, IReadOnlyList<EndedGrant> ended, List<AccessChange> changes, List<DriftEntry> drift)
    {
        if (present.Assets.Count == 0 && entitlement.Assets.Count == 0)
        {
            return;
        }

        var held = present.Assets.ToDictionary(a => new AssetRef(a.Kind, a.Id), a => a.Tasks);
        foreach (var (asset, tasks) in entitlement.Assets)
        {
            if (!held.TryGetValue(asset, out var current))
            {
                changes.Add(new AccessChange(AccessChangeKind.GrantAsset, member.Key, member.Email, null, Tasks(tasks), entitlement.Justification(), Asset: asset, Tasks: tasks));
            }
            else if (!Entitlement.SameTasks(current, tasks))
            {
                // Tasks the shares no longer grant are taken away, which narrows access; the remaining tasks are set.
                var narrows = current.Except(tasks, StringComparer.Ordinal).Any();
                var change = new AccessChange(narrows ? AccessChangeKind.RevokeAsset : AccessChangeKind.GrantAsset, member.Key, member.Email,
                    Tasks(current.Order(StringComparer.Ordinal)), Tasks(tasks), entitlement.Justification(), Asset: asset, Tasks: tasks, Drift: narrows && !present.Managed);
                if (narrows)
                {
                    AddOrReport(change, present.Managed, changes, drift, hub.Policy.Drift);
                }
                else
                {
                    changes.Add(change);
                }
            }
        }

        if (!managesAssets)
        {
            return;
        }

        foreach (var (asset, current) in held)
        {
            if (!entitlement.Assets.ContainsKey(asset))
            {
                var endedAsset = EndedReasons(ended.Where(e => e.Grant.Assets.Any(a => a.Kind == asset.Kind && a.Id == asset.Id)));
                var revoke = new AccessChange(AccessChangeKind.RevokeAsset, member.Key, member.Email, Tasks(current.Order(StringComparer.Ordinal)), null,
                    !present.Managed ? $"{asset} is not included in any share of this user and was not granted by the operator"
                    : endedAsset is not null ? $"{endedAsset}, and no other share of this user includes {asset}"
                    : $"no share of this user includes {asset} any more",
                    Asset: asset, Drift: !present.Managed);
                AddOrReport(revoke, present.Managed, changes, drift, hub.Policy.Drift);
            }
        }
    }

    private static void PlanAttributes(DesiredMember member, ActualMember present, List<AccessChange> changes)
    {
        if (member.Attributes.Count == 0)
        {
            return;
        }

        var changed = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in member.Attributes)
        {
            var current = present.Attributes.GetValueOrDefault(name);
            if (!string.Equals(current, value, StringComparison.Ordinal) && !(value is null && string.IsNullOrEmpty(current)))
            {
                changed[name] = value;
            }
        }

        if (changed.Count > 0)
        {
            changes.Add(new AccessChange(AccessChangeKind.UpdateAttributes, member.Key, member.Email,
                string.Join(", ", changed.Keys.Select(k => $"{k}={present.Attributes.GetValueOrDefault(k) ?? "∅"}")),
                string.Join(", ", changed.Select(kv => $"{kv.Key}={kv.Value ?? "∅"}")),
                "mapped IdP profile attributes of an app assignment changed",
                Attributes: changed));
        }
    }

    private static void PlanLoss(HubModel hub, DesiredAccess desired, ActualMember present, List<AccessChange> changes, List<DriftEntry> drift)
    {
        var ended = EndedReasons(desired.Ended.GetValueOrDefault(present.Key) ?? []);
        var reason = desired.Inactive.TryGetValue(present.Key, out var inactive) ? inactive
            : present.Managed && ended is not null ? $"{ended}, and no other share grants access: not in any other shared team, no individual share, no app assignment"
            : present.Managed ? "no share grants access any more: not in any shared team, no individual share, no app assignment"
            : "not justified by any share and not provisioned by the operator";
        var from = hub.RoleForNative(present.NativeRole)?.Name ?? present.NativeRole;
        AccessChange? loss = present.State switch
        {
            MemberState.Invited => new AccessChange(AccessChangeKind.CancelInvite, present.Key, present.Email, "invited", null, reason),
            MemberState.Suspended when hub.Policy.Removal == RemovalMode.Remove => new AccessChange(AccessChangeKind.Remove, present.Key, present.Email, "suspended", null, reason),
            MemberState.Suspended => null, // already what the suspend policy would do
            _ when hub.Policy.Removal == RemovalMode.Suspend => new AccessChange(AccessChangeKind.Suspend, present.Key, present.Email, from, "suspended", reason),
            _ => new AccessChange(AccessChangeKind.Remove, present.Key, present.Email, from, null, reason),
        };

        if (loss is not null)
        {
            AddOrReport(loss with { Drift = !present.Managed }, present.Managed, changes, drift, hub.Policy.Drift);
        }
    }

    private static void AddOrReport(AccessChange change, bool managed, List<AccessChange> changes, List<DriftEntry> drift, DriftMode mode)
    {
        if (managed)
        {
            changes.Add(change);
            return;
        }

        var enforce = mode == DriftMode.Enforce;
        drift.Add(new DriftEntry(change, enforce));
        if (enforce)
        {
            changes.Add(change);
        }
    }

    /// <summary>The reasons of ended grants, distinct, joined; null when there are none.</summary>
    private static string? EndedReasons(IEnumerable<EndedGrant> ended) =>
        ended.Select(e => e.Reason).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } reasons ? string.Join("; ", reasons) : null;

    private static AccessChange WithAppUserId(AccessChange change, ActualAccess actual) =>
        actual.Members.TryGetValue(change.UserKey, out var member) ? change with { AppUserId = member.AppUserId } : change;

    private static List<AccessChange> Order(IEnumerable<AccessChange> changes) =>
        changes.OrderBy(c => c.Kind)
            .ThenBy(c => c.UserKey, StringComparer.Ordinal)
            .ThenBy(c => c.Asset?.ToString(), StringComparer.Ordinal)
            .ToList();

    private static bool SameNative(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Tasks(IEnumerable<string> tasks) => string.Join("+", tasks);
}
