using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>Planned changes as the planner would hand them to a GitHub connector.</summary>
internal static class GitHubChanges
{
    public static AccessChange Role(AccessChangeKind kind, string email, string role, string? login = null) =>
        new(kind, email, email, null, null, "test", NativeRole: role, AppUserId: login);

    public static AccessChange Team(AccessChangeKind kind, string email, string login, string slug, params string[] roles) =>
        new(kind, email, email, null, null, "test", Asset: new AssetRef(AssetKind.Team, slug), Tasks: roles.Length == 0 ? null : roles, AppUserId: login);

    public static AccessChange Remove(string email, string? appUserId) =>
        new(AccessChangeKind.Remove, email, email, null, null, "test", AppUserId: appUserId);
}
