using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cerby.Operator.Resources.Schema;
using k8s.Models;

namespace Cerby.Operator.Resources;

/// <summary>
/// Feeds a team from one IdP group: the group's active members are the team's members. Several bindings may feed
/// the same team.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[KindNames(Plural, "igb")]
[PrinterColumn("Team", "string", ".spec.team", "The team this group feeds.")]
[PrinterColumn("IdP", "string", ".spec.identityProviderRef.name", "The identity provider the group lives in.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether membership is known and current.")]
[PrinterColumn("Members", "integer", ".status.memberCount", "Members of the group.")]
[PrinterColumn("Known", "date", ".status.membershipKnownAt", "When membership was last read completely.")]
public sealed class IdpGroupBinding : CustomResource<IdpGroupBindingSpec, IdpGroupBindingStatus>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "IdpGroupBinding";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "idpgroupbindings";

    /// <inheritdoc />
    public override string Kind { get; set; } = KindName;
}

/// <summary>Which IdP group feeds which team.</summary>
public sealed record IdpGroupBindingSpec
{
    /// <summary>The IdentityProvider the group lives in, in the same namespace.</summary>
    [Required]
    [JsonPropertyName("identityProviderRef")]
    public LocalObjectReference IdentityProviderRef { get; init; } = new();

    /// <summary>The IdP group: its id, or its display name to resolve.</summary>
    [Required]
    [JsonPropertyName("group")]
    public IdpGroupReference Group { get; init; } = new();

    /// <summary>The team the group's members join; TeamShares name it.</summary>
    [Required, MinLength(1), MaxLength(128), RegularExpression(Patterns.Name)]
    [JsonPropertyName("team")]
    public string Team { get; init; } = "";
}

/// <summary>An IdP group by id or by display name.</summary>
[CelRule("has(self.id) || has(self.displayName)", "one of id or displayName must be set")]
public sealed record IdpGroupReference
{
    /// <summary>The group's id in the IdP (an Okta 00g… id or an Entra object id).</summary>
    [MinLength(1), MaxLength(128)]
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The group's display name; resolved to an id, and an error if it matches no group or several.</summary>
    [MinLength(1), MaxLength(256)]
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; init; }
}

/// <summary>What the operator knows of the group. The full member list is never stored here: etcd objects are capped near 1.5 MiB.</summary>
public sealed record IdpGroupBindingStatus
{
    /// <summary>The .metadata.generation the status reflects.</summary>
    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; init; }

    /// <summary>Ready, Synced and GroupFound.</summary>
    [ListMapKeys("type")]
    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get; init; } = [];

    /// <summary>The resolved group id.</summary>
    [JsonPropertyName("groupId")]
    public string? GroupId { get; init; }

    /// <summary>Members of the group at the last complete read.</summary>
    [JsonPropertyName("memberCount")]
    public int MemberCount { get; init; }

    /// <summary>SHA-256 of the sorted member ids, to tell whether membership changed without storing it.</summary>
    [JsonPropertyName("membershipDigest")]
    public string? MembershipDigest { get; init; }

    /// <summary>When membership was last read completely; older than a few resync intervals means stale.</summary>
    [JsonPropertyName("membershipKnownAt")]
    public DateTimeOffset? MembershipKnownAt { get; init; }
}
