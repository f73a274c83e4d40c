using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// The app integration's assignments for the planner: app users with scope USER are direct assignments (with their
/// app-user profile); group assignments come from the app's groups, whose members the planner takes from the group.
/// App users with scope GROUP are left out: they are the group assignments again.
/// </summary>
internal static class OktaAssignments
{
    public static IEnumerable<AppAssignment> From(IReadOnlyList<OktaAppUser> appUsers, IReadOnlyList<OktaAppGroup> appGroups) =>
        appUsers.Where(u => string.Equals(u.Scope, "USER", StringComparison.OrdinalIgnoreCase))
            .Select(u => new AppAssignment(u.Id, null, OktaJson.Profile(u.Profile)))
            .Concat(appGroups.OrderBy(g => g.Priority ?? int.MaxValue).Select(g => new AppAssignment(null, g.Id, OktaJson.Profile(g.Profile))));
}
