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
[PrinterColumn("Expires", "string", ".status.expiresAt", "When the share stops granting access (from spec.expiresAt or spec.duration); empty when it never does.")]
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

/// <summary>What is shared, with whom, with which role, for how long, and (optionally) with whom of the team only.</summary>
[CelRule("!(has(self.expiresAt) && has(self.duration))", "set at most one of expiresAt or duration")]
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

    /// <summary>
    /// When the share stops granting access (RFC 3339, e.g. 2026-12-31T18:00:00Z). Past it the share grants nothing and
    /// the access it alone justified is removed, as when the share is deleted (the hub's removal guard still applies).
    /// Mutually exclusive with duration.
    /// </summary>
    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// How long the share grants access, counted from its creation (a Go duration such as 72h or 30m). Mutually
    /// exclusive with expiresAt.
    /// </summary>
    [MinLength(2), MaxLength(32), RegularExpression(Patterns.Duration)]
    [JsonPropertyName("duration")]
    public string? Duration { get; init; }

    /// <summary>
    /// A CEL expression over the IdP user that narrows who of the subject gets the share, e.g.
    /// user.employeeType != "contractor", user.department in ["Sales", "Marketing"] or
    /// user.attributes["costCenter"] == "4711". Variables: user.email, user.id, user.department, user.employeeType,
    /// user.title (empty strings when the IdP has no value) and user.attributes (every profile attribute by name).
    /// A user for whom it is false gets nothing from this share; a user for whom it cannot be evaluated (e.g. a
    /// custom attribute missing: guard with has() or "in") gets nothing new and loses nothing (unknown is not
    /// excluded). An expression that does not compile makes the share Ready=False InvalidScope.
    /// </summary>
    [MinLength(1), MaxLength(1024)]
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
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

    /// <summary>When the share stops granting access (spec.expiresAt, or creation plus spec.duration); empty when it never does.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; init; }
}
