using Cerby.Operator.Planning;
using Microsoft.Graph.Models;

namespace Cerby.Operator.Identity.Entra;

/// <summary>The enterprise app's role assignments as the planner's <see cref="AppAssignment"/>s.</summary>
internal static class EntraAssignments
{
    /// <summary>The profile key an assignment's app role value goes under.</summary>
    public const string RoleKey = "role";

    /// <summary>
    /// Users and groups assigned to the app (service principals are skipped); the app role's value, when the role is
    /// not the default access role, becomes <c>role</c> in the assignment's profile.
    /// </summary>
    public static IReadOnlyList<AppAssignment> From(IEnumerable<AppRoleAssignment> assignments, IReadOnlyDictionary<Guid, string> appRoles)
    {
        var result = new List<AppAssignment>();
        foreach (var assignment in assignments)
        {
            if (assignment.PrincipalId is not { } principal)
            {
                continue;
            }

            IReadOnlyDictionary<string, string> profile = assignment.AppRoleId is { } roleId && appRoles.TryGetValue(roleId, out var role)
                ? new Dictionary<string, string>(StringComparer.Ordinal) { [RoleKey] = role }
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var id = principal.ToString();
            switch (assignment.PrincipalType)
            {
                case "User":
                    result.Add(new AppAssignment(id, null, profile));
                    break;
                case "Group":
                    result.Add(new AppAssignment(null, id, profile));
                    break;
            }
        }

        return result;
    }

    /// <summary>Whether two assignment lists say the same, in any order.</summary>
    public static bool Same(IReadOnlyList<AppAssignment> left, IReadOnlyList<AppAssignment> right) =>
        Fingerprint(left).SequenceEqual(Fingerprint(right), StringComparer.Ordinal);

    private static IEnumerable<string> Fingerprint(IReadOnlyList<AppAssignment> assignments) =>
        assignments.Select(a => $"{a.UserId}|{a.GroupId}|{string.Join(';', a.Profile.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}")
            .Order(StringComparer.Ordinal);
}
