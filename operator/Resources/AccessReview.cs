using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cerby.Operator.Resources.Schema;
using k8s.Models;

namespace Cerby.Operator.Resources;

/// <summary>
/// An access review kept in Git: the operator lists the grants of one hub (or of every hub of the namespace) in the
/// status, each with a stable id; reviewers record keep or revoke decisions in spec.decisions through pull requests.
/// From the due date on, revoke decisions (and lines without a decision when onMissing is revoke) deny that user in
/// that hub, as a declared deny, until the review is deleted; the hub's removal guard still applies.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[KindNames(Plural, "review", "ar")]
[PrinterColumn("Hub", "string", ".spec.hubRef.name", "The hub under review; empty for every hub of the namespace.")]
[PrinterColumn("Due", "string", ".spec.dueDate", "When the decisions take effect.")]
[PrinterColumn("Lines", "integer", ".status.lineCount", "Grants under review.")]
[PrinterColumn("Decided", "integer", ".status.decidedCount", "Lines with a decision.")]
[PrinterColumn("Revoked", "integer", ".status.revokedCount", "Lines denied from the due date on.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the lines under review are listed.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since creation.")]
public sealed class AccessReview : CustomResource<AccessReviewSpec, AccessReviewStatus>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "AccessReview";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "accessreviews";

    /// <inheritdoc />
    public override string Kind { get; set; } = KindName;
}

/// <summary>What is reviewed, until when, by whom, and the decisions.</summary>
public sealed record AccessReviewSpec
{
    /// <summary>The BusinessHub under review, in the same namespace; omit it to review every hub of the namespace.</summary>
    [JsonPropertyName("hubRef")]
    public LocalObjectReference? HubRef { get; init; }

    /// <summary>When the decisions take effect (RFC 3339). Before it, decisions are recorded but change nothing.</summary>
    [Required]
    [JsonPropertyName("dueDate")]
    public DateTimeOffset DueDate { get; init; }

    /// <summary>Who is expected to review (information only: the operator does not check who wrote a decision).</summary>
    [MaxLength(64)]
    [ListSet]
    [JsonPropertyName("reviewers")]
    public List<string> Reviewers { get; init; } = [];

    /// <summary>What a line without a decision means at the due date: keep (default) or revoke.</summary>
    [Defaulted]
    [JsonPropertyName("onMissing")]
    public ReviewDecision OnMissing { get; init; } = ReviewDecision.Keep;

    /// <summary>The reviewers' decisions, one per line id listed in status.items.</summary>
    [MaxLength(5000)]
    [ListMapKeys("id")]
    [JsonPropertyName("decisions")]
    public List<ReviewDecisionEntry> Decisions { get; init; } = [];
}

/// <summary>A reviewer's decision on one line.</summary>
public sealed record ReviewDecisionEntry
{
    /// <summary>The line's id, as status.items lists it.</summary>
    [Required, MinLength(1), MaxLength(32), RegularExpression("^[a-f0-9]+$")]
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>keep or revoke.</summary>
    [Required]
    [JsonPropertyName("decision")]
    public ReviewDecision Decision { get; init; }

    /// <summary>Who decided (information only).</summary>
    [MaxLength(256)]
    [JsonPropertyName("reviewer")]
    public string? Reviewer { get; init; }

    /// <summary>Why (information only).</summary>
    [MaxLength(1024)]
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }
}

/// <summary>A review decision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    /// <summary>The access stays.</summary>
    [JsonStringEnumMemberName("keep")] Keep,

    /// <summary>From the due date on, the user is denied in that hub until the review is deleted.</summary>
    [JsonStringEnumMemberName("revoke")] Revoke,
}

/// <summary>The lines under review and how far the review is.</summary>
public sealed record AccessReviewStatus
{
    /// <summary>The .metadata.generation the status reflects.</summary>
    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; init; }

    /// <summary>Ready (lines listed), Overdue (due date passed with lines undecided), Completed (every line decided).</summary>
    [ListMapKeys("type")]
    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get; init; } = [];

    /// <summary>
    /// The grants under review, one line per user and hub, with a stable id (a short hash of hub and user). Kept up to
    /// date until the due date, then frozen: what was reviewed is what is enforced.
    /// </summary>
    [ListMapKeys("id")]
    [JsonPropertyName("items")]
    public List<ReviewLine> Items { get; init; } = [];

    /// <summary>Lines under review (all of them, also when status.items was cut at its limit).</summary>
    [JsonPropertyName("lineCount")]
    public int LineCount { get; init; }

    /// <summary>Lines with a keep or revoke decision.</summary>
    [JsonPropertyName("decidedCount")]
    public int DecidedCount { get; init; }

    /// <summary>Lines denied (revoke decisions, and missing ones under onMissing revoke) once the review is due.</summary>
    [JsonPropertyName("revokedCount")]
    public int RevokedCount { get; init; }

    /// <summary>When the lines were frozen (the due date passed); empty before.</summary>
    [JsonPropertyName("frozenAt")]
    public DateTimeOffset? FrozenAt { get; init; }
}

/// <summary>One grant under review: a user's access to a hub.</summary>
public sealed record ReviewLine
{
    /// <summary>Stable id: a short hash of the hub and the user's key.</summary>
    [Required]
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The hub's name.</summary>
    [Required]
    [JsonPropertyName("hub")]
    public string Hub { get; init; } = "";

    /// <summary>The user's email, as the IdP knows it.</summary>
    [Required]
    [JsonPropertyName("user")]
    public string User { get; init; } = "";

    /// <summary>The effective hub role.</summary>
    [JsonPropertyName("role")]
    public string Role { get; init; } = "";

    /// <summary>What grants it: the shares, teams and app assignments.</summary>
    [JsonPropertyName("via")]
    public string Via { get; init; } = "";
}
