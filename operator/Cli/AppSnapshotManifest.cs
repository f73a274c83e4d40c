using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Cli;

/// <summary>
/// <c>kind: AppSnapshot</c>: the members one business hub's app has (roles, invites, assets, attributes), as a
/// connector would read them. Format: examples/README.md.
/// </summary>
internal sealed record AppSnapshotManifest : SnapshotManifest
{
    /// <summary>The BusinessHub whose app this is, in the same namespace.</summary>
    [Required]
    [JsonPropertyName("hubRef")]
    public LocalObjectReference HubRef { get; init; } = new();

    [JsonPropertyName("members")]
    public List<SnapshotMember> Members { get; init; } = [];
}

/// <summary>A member (or pending invite) of the app.</summary>
internal sealed record SnapshotMember
{
    /// <summary>How the member is matched with IdP users (case-insensitive).</summary>
    [Required]
    [JsonPropertyName("email")]
    public string Email { get; init; } = "";

    /// <summary>The app's own id for the member or invite.</summary>
    [JsonPropertyName("appUserId")]
    public string? AppUserId { get; init; }

    /// <summary>The app's role name, e.g. ADMIN or EMPLOYEE; absent when the app shows none.</summary>
    [JsonPropertyName("nativeRole")]
    public string? NativeRole { get; init; }

    [JsonPropertyName("state")]
    public SnapshotMemberState State { get; init; } = SnapshotMemberState.Active;

    /// <summary>True when the operator provisioned the member; others are drift unless a share justifies them.</summary>
    [JsonPropertyName("managed")]
    public bool Managed { get; init; }

    /// <summary>For an invited member: the invite expired without being accepted.</summary>
    [JsonPropertyName("inviteExpired")]
    public bool InviteExpired { get; init; }

    [JsonPropertyName("assets")]
    public List<SnapshotAsset> Assets { get; init; } = [];

    /// <summary>App user attributes, e.g. title or department.</summary>
    [JsonPropertyName("attributes")]
    public Dictionary<string, string> Attributes { get; init; } = [];

    /// <summary>Since when the operator has known this member (its ledger's record), for <c>report</c>; optional.</summary>
    [JsonPropertyName("knownSince")]
    public DateTimeOffset? KnownSince { get; init; }
}

/// <summary>A member's state in the app.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SnapshotMemberState>))]
internal enum SnapshotMemberState
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("invited")] Invited,
    [JsonStringEnumMemberName("suspended")] Suspended,
}

/// <summary>An asset a member holds, with its native tasks.</summary>
internal sealed record SnapshotAsset
{
    [Required]
    [JsonPropertyName("kind")]
    public AssetKind Kind { get; init; }

    [Required]
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("tasks")]
    public List<string> Tasks { get; init; } = [];
}
