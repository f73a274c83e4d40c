using Cerby.Operator.Bench.Scenarios;
using Cerby.Operator.Bench.World;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Bench.Quick;

/// <summary>Prints what the world holds and what its first full plan found, so the figures can be judged.</summary>
internal static class WorldReport
{
    public static void PrintWorld(TextWriter output, BenchWorld world)
    {
        var directory = world.Identity.Directories[BenchWorld.IdpKey];
        var inactive = directory.Users.Values.Count(u => u.Lifecycle != UserLifecycle.Active);
        var groupSizes = directory.Groups.Values.Select(g => g.MemberIds.Count).ToList();
        var hubs = world.Declared.Hubs;
        var shares = world.Declared.Shares;
        var appMembers = world.Actual.Values.Sum(a => a.Members.Count);
        output.WriteLine($"world (seed {world.Shape.Seed}, built in {world.BuildTime.TotalSeconds:F1} s, not measured):");
        output.WriteLine($"  {directory.Users.Count:N0} users ({inactive:N0} inactive), {groupSizes.Count:N0} groups ({groupSizes.Average():F1} members on average, {groupSizes.Min()}–{groupSizes.Max()}), 1 Okta IdentityProvider");
        output.WriteLine($"  {world.Declared.Bindings.Count:N0} IdpGroupBindings (one per group, each to its own team)");
        output.WriteLine($"  {hubs.Count:N0} hubs ({hubs.Count(h => h.Spec.Connector.InviteRequired):N0} Meta-like: inviteRequired + asset tasks; {hubs.Count(h => h.Spec.Roles.Count == 4):N0} with 4 roles, the rest 3)");
        output.WriteLine($"  {shares.Count:N0} shares ({shares.Count(s => s.Spec.Subject.User is not null):N0} individual by email, {shares.Count(s => s.Spec.Assets.Count > 0):N0} with assets)");
        output.WriteLine($"  {appMembers:N0} app members across hubs ({appMembers / (double)hubs.Count:F0} per hub on average)");
    }

    public static void PrintPlans(TextWriter output, BenchWorld world, FullPlanResult result)
    {
        var plans = result.Plans;
        var appMembers = world.Actual.Values.Sum(a => a.Members.Count);
        var byKind = plans.SelectMany(p => p.Changes).GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}");
        output.WriteLine($"first full plan: {result.Changes:N0} changes ({result.Changes * 100.0 / appMembers:F2}% of app members) in {plans.Count(p => !p.IsEmpty):N0} of {plans.Count:N0} hubs");
        output.WriteLine($"  {string.Join(", ", byKind)}");
        output.WriteLine($"  held by the removal guard: {plans.Sum(p => p.HeldRemovals.Count):N0} removals in {plans.Count(p => p.HeldRemovals.Count > 0):N0} hubs; drift found: {plans.Sum(p => p.Drift.Count):N0}; withheld: {plans.Sum(p => p.Withheld.Count):N0}");
    }
}
