using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Cerby.Operator.Resources;

/// <summary>One aspect of a resource's current state, following the Kubernetes API conventions for conditions.</summary>
public sealed record Condition
{
    /// <summary>Type of condition in CamelCase, e.g. Ready, Synced, Drifted, RemovalsHeld, IdpStale, GroupFound.</summary>
    [Required, MaxLength(316), RegularExpression("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")]
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary>Status of the condition: True, False or Unknown.</summary>
    [Required]
    [JsonPropertyName("status")]
    public ConditionStatus Status { get; init; } = ConditionStatus.Unknown;

    /// <summary>A programmatic identifier in CamelCase for the condition's last transition.</summary>
    [Required, MinLength(1), MaxLength(1024), RegularExpression("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")]
    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    /// <summary>A human-readable message with details about the transition.</summary>
    [MaxLength(32768)]
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    /// <summary>The last time the condition went from one status to another.</summary>
    [Required]
    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset LastTransitionTime { get; init; }

    /// <summary>The .metadata.generation that the condition was set based upon.</summary>
    [Range(0, long.MaxValue)]
    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; init; }
}

/// <summary>The status of a condition.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    /// <summary>The condition holds.</summary>
    True,

    /// <summary>The condition does not hold.</summary>
    False,

    /// <summary>The operator cannot tell yet.</summary>
    Unknown,
}
