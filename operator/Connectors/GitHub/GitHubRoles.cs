namespace Cerby.Operator.Connectors.GitHub;

/// <summary>The roles the GitHub connector writes: org roles on memberships, team roles on team memberships.</summary>
internal static class GitHubRoles
{
    /// <summary>Organization owner.</summary>
    public const string Admin = "admin";

    /// <summary>Organization member.</summary>
    public const string Member = "member";

    /// <summary>Team maintainer.</summary>
    public const string Maintainer = "maintainer";

    /// <summary>The org roles a hub role may map to.</summary>
    public static IReadOnlyList<string> OrgRoles { get; } = [Admin, Member];

    /// <summary>The team roles an asset grant may carry.</summary>
    public static IReadOnlyList<string> TeamRoles { get; } = [Maintainer, Member];

    /// <summary>An invitation's role in org-role terms: <c>direct_member</c> is <c>member</c>.</summary>
    public static string? FromInvitation(string? role) => role == "direct_member" ? Member : role;

    /// <summary>The org role of a change, or a clear refusal when the hub mapped it to something GitHub has not.</summary>
    public static string OrgRole(string? nativeRole, string email) =>
        OrgRoles.FirstOrDefault(r => string.Equals(r, nativeRole, StringComparison.OrdinalIgnoreCase))
        ?? throw new ConnectorException(ConnectorErrorKind.Rejected, $"cannot give {email} the GitHub org role \"{nativeRole}\": GitHub has admin and member");

    /// <summary>The team role of an asset grant (member when the share names none).</summary>
    public static string TeamRole(IReadOnlyList<string>? tasks, string email) =>
        tasks is null or { Count: 0 } ? Member
        : TeamRoles.FirstOrDefault(r => tasks.Contains(r, StringComparer.OrdinalIgnoreCase))
        ?? throw new ConnectorException(ConnectorErrorKind.Rejected, $"cannot give {email} the GitHub team role \"{string.Join(',', tasks)}\": teams have maintainer and member");
}
