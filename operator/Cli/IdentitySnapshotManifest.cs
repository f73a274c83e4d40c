using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Cli;

/// <summary>
/// <c>kind: IdentitySnapshot</c>: what one IdentityProvider knew at one moment (users, groups and the app
/// integration's assignments), so that <c>plan</c> can run without reaching the IdP. Format: examples/README.md.
/// </summary>
internal sealed record IdentitySnapshotManifest : SnapshotManifest
{
    /// <summary>The IdentityProvider this is a snapshot of, in the same namespace.</summary>
    [Required]
    [JsonPropertyName("identityProviderRef")]
    public LocalObjectReference IdentityProviderRef { get; init; } = new();

    /// <summary>False when the user directory could not be read: then every member id is of unknown status.</summary>
    [JsonPropertyName("usersKnown")]
    public bool UsersKnown { get; init; } = true;

    [JsonPropertyName("users")]
    public List<SnapshotUser> Users { get; init; } = [];

    [JsonPropertyName("groups")]
    public List<SnapshotGroup> Groups { get; init; } = [];

    /// <summary>The app integration's assignments; absent means they are unknown (never "none").</summary>
    [JsonPropertyName("appAssignments")]
    public SnapshotAssignments? AppAssignments { get; init; }
}

/// <summary>A user of the IdP.</summary>
internal sealed record SnapshotUser
{
    /// <summary>The IdP's user id, e.g. 00u1b2c3d4e5f6g7h8i9.</summary>
    [Required]
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Email or login: how app members are matched.</summary>
    [Required]
    [JsonPropertyName("email")]
    public string Email { get; init; } = "";

    /// <summary>Okta's status (ACTIVE, STAGED, SUSPENDED, …), or DELETED for a user the IdP no longer has.</summary>
    [Required]
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    /// <summary>Profile attributes, custom ones included.</summary>
    [JsonPropertyName("profile")]
    public Dictionary<string, string> Profile { get; init; } = [];
}

/// <summary>A group of the IdP with its member ids.</summary>
internal sealed record SnapshotGroup
{
    [Required]
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The display name IdpGroupBindings may bind by.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("members")]
    public List<string> Members { get; init; } = [];

    /// <summary>known (default), stale (read once, not recently) or unknown (never read completely: members mean nothing).</summary>
    [JsonPropertyName("state")]
    public SnapshotMembershipState State { get; init; } = SnapshotMembershipState.Known;

    /// <summary>When membership was last read completely; with --now and the IdP's staleAfter it decides staleness.</summary>
    [JsonPropertyName("knownAt")]
    public DateTimeOffset? KnownAt { get; init; }
}

/// <summary>How much is known of a group's membership.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SnapshotMembershipState>))]
internal enum SnapshotMembershipState
{
    [JsonStringEnumMemberName("known")] Known,
    [JsonStringEnumMemberName("stale")] Stale,
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>The app integration's assignments: users directly, and groups (every member is assigned).</summary>
internal sealed record SnapshotAssignments
{
    [JsonPropertyName("users")]
    public List<SnapshotAssignment> Users { get; init; } = [];

    [JsonPropertyName("groups")]
    public List<SnapshotAssignment> Groups { get; init; } = [];
}

/// <summary>One assignment: the user or group id and the assignment's app-user profile.</summary>
internal sealed record SnapshotAssignment
{
    [Required]
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The app-user profile of the assignment (Okta app user profile), e.g. a role or a cost center.</summary>
    [JsonPropertyName("profile")]
    public Dictionary<string, string> Profile { get; init; } = [];
}
