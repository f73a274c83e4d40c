using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cerby.Operator.Resources.Schema;
using k8s.Models;

namespace Cerby.Operator.Resources;

/// <summary>
/// Shares a business hub with a team (every active member of the IdP groups bound to it) or with one user,
/// with a hub role and, where the app has them, assets.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[KindNames(Plural, "share", "ts")]
[PrinterColumn("Hub", "string", ".spec.hubRef.name", "The business hub shared.")]
[PrinterColumn("Team", "string", ".spec.subject.team", "The team the hub is shared with.")]
[PrinterColumn("User", "string", ".spec.subject.user", "The single user the hub is shared with.")]
[PrinterColumn("Role", "string", ".spec.role", "The hub role granted.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the share is valid and applied.")]
[PrinterColumn("Users", "integer", ".status.grantedUsers", "Users this share currently grants access to.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since creation.")]
public sealed class TeamShare : CustomResource<TeamShareSpec, TeamShareStatus>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "TeamShare";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "teamshares";

    /// <inheritdoc />
    public override string Kind { get; set; } = KindName;
}

/// <summary>What is shared, with whom, with which role.</summary>
public sealed record TeamShareSpec
{
    /// <summary>The BusinessHub shared, in the same namespace.</summary>
    [Required]
    [JsonPropertyName("hubRef")]
    public LocalObjectReference HubRef { get; init; } = new();

    /// <summary>Who the hub is shared with: exactly one of team or user.</summary>
    [Required]
    [JsonPropertyName("subject")]
    public ShareSubject Subject { get; init; } = new();

    /// <summary>The hub role granted; must be one of the hub's roles.</summary>
    [Required, MinLength(1), MaxLength(63), RegularExpression(Patterns.Name)]
    [JsonPropertyName("role")]
    public string Role { get; init; } = "";

    /// <summary>Assets of the app (pages, ad accounts) shared too, each with the share's role or its own.</summary>
    [MaxLength(256)]
    [ListMapKeys("kind", "id")]
    [JsonPropertyName("assets")]
    public List<AssetShare> Assets { get; init; } = [];
}

/// <summary>The receiver of a share: a team or a single user.</summary>
[CelRule("has(self.team) != has(self.user)", "exactly one of team or user must be set")]
public sealed record ShareSubject
{
    /// <summary>A team name; IdpGroupBindings feed its members.</summary>
    [MinLength(1), MaxLength(128), RegularExpression(Patterns.Name)]
    [JsonPropertyName("team")]
    public string? Team { get; init; }

    /// <summary>A single user: the IdP user id (e.g. 00u1abcd) or the user's email.</summary>
    [MinLength(1), MaxLength(320)]
    [JsonPropertyName("user")]
    public string? User { get; init; }
}

/// <summary>An app asset shared along with the hub.</summary>
public sealed record AssetShare
{
    /// <summary>The kind of asset, e.g. page or adAccount.</summary>
    [Required]
    [JsonPropertyName("kind")]
    public AssetKind Kind { get; init; }

    /// <summary>The asset's id in the app.</summary>
    [Required, MinLength(1), MaxLength(128), RegularExpression("^[A-Za-z0-9_.:-]+$")]
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>A hub role whose asset tasks apply to this asset; the share's role when omitted.</summary>
    [MinLength(1), MaxLength(63), RegularExpression(Patterns.Name)]
    [JsonPropertyName("role")]
    public string? Role { get; init; }
}

/// <summary>The kinds of assets an app can share.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssetKind>))]
public enum AssetKind
{
    /// <summary>A Facebook page or similar profile.</summary>
    [JsonStringEnumMemberName("page")] Page,

    /// <summary>An ad account.</summary>
    [JsonStringEnumMemberName("adAccount")] AdAccount,

    /// <summary>A product catalog.</summary>
    [JsonStringEnumMemberName("catalog")] Catalog,

    /// <summary>An Instagram account.</summary>
    [JsonStringEnumMemberName("instagramAccount")] InstagramAccount,

    /// <summary>A GitHub team (its slug), held as maintainer or member.</summary>
    [JsonStringEnumMemberName("team")] Team,
}

/// <summary>What the share currently grants.</summary>
public sealed record TeamShareStatus
{
    /// <summary>The .metadata.generation the status reflects.</summary>
    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; init; }

    /// <summary>Ready (the share is valid and its hub converged).</summary>
    [ListMapKeys("type")]
    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get; init; } = [];

    /// <summary>Users this share currently grants access to (whether or not another share grants more).</summary>
    [JsonPropertyName("grantedUsers")]
    public int GrantedUsers { get; init; }
}
