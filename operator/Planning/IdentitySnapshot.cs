namespace Cerby.Operator.Planning;

/// <summary>Where a user stands in the identity provider. Only <see cref="Active"/> users hold access.</summary>
public enum UserLifecycle
{
    /// <summary>Can sign in (Okta ACTIVE, PROVISIONED, RECOVERY, LOCKED_OUT, PASSWORD_EXPIRED; Entra accountEnabled).</summary>
    Active,

    /// <summary>Created but not activated (Okta STAGED).</summary>
    Staged,

    /// <summary>Temporarily blocked (Okta SUSPENDED).</summary>
    Suspended,

    /// <summary>Deactivated (Okta DEPROVISIONED; Entra accountEnabled false; SCIM active false).</summary>
    Deactivated,

    /// <summary>Deleted in the IdP.</summary>
    Deleted,
}

/// <summary>How much the operator knows of a group's membership.</summary>
public enum MembershipState
{
    /// <summary>Read completely and recently.</summary>
    Known,

    /// <summary>Read completely once, but not within the stale-after window: last-known members still count, removals are not trusted.</summary>
    Stale,

    /// <summary>Never read, or the last read failed: nothing is known, which is never the same as empty.</summary>
    Unknown,
}

/// <summary>A user as the IdP knows them.</summary>
/// <param name="Id">The IdP's user id (Okta 00u…, Entra object id).</param>
/// <param name="Email">The user's email or login; it is how app members are matched.</param>
/// <param name="Lifecycle">Active, suspended, deactivated, …</param>
/// <param name="Profile">Profile attributes (custom ones included) by name.</param>
public sealed record IdpUser(string Id, string Email, UserLifecycle Lifecycle, IReadOnlyDictionary<string, string> Profile)
{
    /// <summary>The key app members are matched by: the email in lower case.</summary>
    public string Key { get; } = UserKey.Of(Email);
}

/// <summary>A group and its members (user ids), as last read.</summary>
/// <param name="KnownAt">When membership was last read completely; null when never.</param>
public sealed record IdpGroup(string Id, string DisplayName, MembershipState State, IReadOnlyList<string> MemberIds, DateTimeOffset? KnownAt);

/// <summary>An assignment of the IdP app integration (IdLCM) to a user or to a group.</summary>
/// <param name="UserId">Set for a direct user assignment.</param>
/// <param name="GroupId">Set for a group assignment: every member is assigned.</param>
/// <param name="Profile">The app-user profile of the assignment (Okta app user profile; may name a role).</param>
public sealed record AppAssignment(string? UserId, string? GroupId, IReadOnlyDictionary<string, string> Profile);

/// <summary>Everything known of one identity provider at one moment.</summary>
/// <param name="Name">The IdentityProvider resource's name.</param>
/// <param name="UsersKnown">False when the user directory could not be read: lifecycle states are then unknown.</param>
/// <param name="Users">Users by IdP id.</param>
/// <param name="Groups">Groups by IdP id.</param>
/// <param name="AssignmentsKnown">False when the app integration's assignments could not be read.</param>
/// <param name="Assignments">The app integration's assignments (empty when there is no integration).</param>
public sealed record IdpDirectory(
    string Name,
    bool UsersKnown,
    IReadOnlyDictionary<string, IdpUser> Users,
    IReadOnlyDictionary<string, IdpGroup> Groups,
    bool AssignmentsKnown,
    IReadOnlyList<AppAssignment> Assignments)
{
    /// <summary>A directory that could not be read at all.</summary>
    public static IdpDirectory Unreadable(string name) =>
        new(name, false, new Dictionary<string, IdpUser>(), new Dictionary<string, IdpGroup>(), false, []);
}

/// <summary>The identity side of the world: every IdP's directory, by IdentityProvider name.</summary>
public sealed record IdentitySnapshot(IReadOnlyDictionary<string, IdpDirectory> Directories);

/// <summary>How users are matched between the IdP and an app.</summary>
public static class UserKey
{
    /// <summary>The match key of an email or login: trimmed, lower case.</summary>
    public static string Of(string email) => email.Trim().ToLowerInvariant();
}
