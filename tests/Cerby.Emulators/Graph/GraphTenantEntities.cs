namespace Cerby.Emulators.Graph;

/// <summary>An emulated Entra user. Attributes hold every string property (displayName, department, mail, …) by Graph name.</summary>
internal sealed class GraphUser(string id, string userPrincipalName)
{
    public string Id { get; } = id;

    public string UserPrincipalName { get; set; } = userPrincipalName;

    public bool AccountEnabled { get; set; } = true;

    public Dictionary<string, string?> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Soft-deleted: gone from /users and from every group, reported <c>@removed</c> by delta.</summary>
    public bool Deleted { get; set; }

    /// <summary>The groups the user was a direct member of when deleted: a restore brings the memberships back.</summary>
    public List<string> DeletedFrom { get; } = [];
}

/// <summary>An emulated group; members are user or group ids in the order they were added.</summary>
internal sealed class GraphGroup(string id, string displayName)
{
    public string Id { get; } = id;

    public string DisplayName { get; set; } = displayName;

    public List<string> Members { get; } = [];

    public bool Deleted { get; set; }
}

/// <summary>An app role of an enterprise app: its id and the value tokens carry.</summary>
internal sealed record GraphAppRole(Guid Id, string Value);

/// <summary>An app role assignment of an enterprise app to a user or a group.</summary>
internal sealed record GraphAssignment(string Id, string PrincipalId, string PrincipalType, string PrincipalDisplayName, Guid AppRoleId, DateTimeOffset Created);

/// <summary>An enterprise app (service principal) with its app roles and assignments.</summary>
internal sealed class GraphServicePrincipal(string id, string appId, string displayName)
{
    public string Id { get; } = id;

    public string AppId { get; } = appId;

    public string DisplayName { get; } = displayName;

    public List<GraphAppRole> AppRoles { get; } = [];

    public List<GraphAssignment> Assignments { get; } = [];
}

/// <summary>What changed, in order; delta tokens are positions in this log.</summary>
internal enum GraphChangeKind
{
    UserChanged,
    UserRemoved,
    GroupChanged,
    GroupRemoved,
    MemberAdded,
    MemberRemoved,
}

/// <param name="ObjectId">The user or group that changed.</param>
/// <param name="MemberId">For member changes, the member added or removed.</param>
internal sealed record GraphChange(long Sequence, GraphChangeKind Kind, string ObjectId, string? MemberId = null);
