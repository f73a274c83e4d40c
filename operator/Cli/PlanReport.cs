using Cerby.Operator.Planning;

namespace Cerby.Operator.Cli;

/// <summary>What <c>plan</c> prints, the same content for -o table and -o json.</summary>
/// <param name="Warnings">What the input leaves unknown, for all hubs (an IdentityProvider without a snapshot).</param>
internal sealed record PlanReport(IReadOnlyList<string> Warnings, IReadOnlyList<HubPlanReport> Hubs, PlanSummary Summary);

/// <summary>The plan of one hub.</summary>
/// <param name="Hub">namespace/name of the BusinessHub.</param>
/// <param name="Connector">scim or meta.</param>
/// <param name="PlanHash">Hash of the changes and held removals.</param>
/// <param name="Warnings">What this hub's input leaves unknown (no AppSnapshot).</param>
/// <param name="Notes">Stale or unknown membership the planner took into account.</param>
/// <param name="Changes">Changes to apply, in order.</param>
/// <param name="HeldRemovals">Removals the guard holds until approved; null when none.</param>
/// <param name="Withheld">Narrowing changes not made because some access is unknown; null when none.</param>
/// <param name="Drift">Differences nothing declared justifies and the operator did not cause.</param>
/// <param name="Unknown">Why the hub's app or IdP could not be read (live): nothing is planned for it; null when it was read.</param>
internal sealed record HubPlanReport(
    string Hub,
    string Connector,
    string PlanHash,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ChangeReport> Changes,
    HeldRemovalsReport? HeldRemovals,
    WithheldReport? Withheld,
    IReadOnlyList<DriftReport> Drift,
    string? Unknown = null);

/// <summary>One change, as printed.</summary>
/// <param name="Action">Invite, Add, RaiseRole, GrantAsset, …</param>
/// <param name="User">The user's email.</param>
/// <param name="From">Hub role, "invited", "suspended", asset tasks or attributes before; null when absent.</param>
/// <param name="To">The same after; null when the change removes.</param>
/// <param name="NativeRole">The app's role written by Invite, Add, RaiseRole and LowerRole.</param>
/// <param name="Asset">kind/id of the asset an asset change is about.</param>
/// <param name="Attributes">Attributes UpdateAttributes writes (null clears).</param>
internal sealed record ChangeReport(
    AccessChangeKind Action,
    string User,
    string? From,
    string? To,
    string Reason,
    string? NativeRole,
    string? Asset,
    IReadOnlyList<string>? Tasks,
    IReadOnlyDictionary<string, string?>? Attributes)
{
    /// <summary>The report of a planner change.</summary>
    public static ChangeReport Of(AccessChange change) => new(
        change.Kind, change.Email, change.From, change.To, change.Reason, change.NativeRole, change.Asset?.ToString(), change.Tasks, change.Attributes);
}

/// <summary>Removals the removal guard holds, and how to approve them.</summary>
internal sealed record HeldRemovalsReport(string Reason, string Hash, IReadOnlyList<ChangeReport> Changes);

/// <summary>Changes withheld because some access is unknown.</summary>
internal sealed record WithheldReport(string Reason, IReadOnlyList<ChangeReport> Changes);

/// <summary>A drift entry: corrected (in the changes) under drift policy enforce, reported only under report.</summary>
internal sealed record DriftReport(string Status, ChangeReport Change);

/// <summary>Totals over all hubs.</summary>
/// <param name="Unknown">Hubs whose app or IdP could not be read (live); null when none.</param>
internal sealed record PlanSummary(int Hubs, int Changes, int HeldRemovals, int Withheld, int Drift, int? Unknown = null);
