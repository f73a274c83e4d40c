using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Cerby.Operator.Resources;

/// <summary>A reference to another cerby resource in the same namespace.</summary>
public sealed record LocalObjectReference
{
    /// <summary>Name of the referenced resource, in the same namespace.</summary>
    [Required, MinLength(1), MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}

/// <summary>A reference to a Kubernetes Secret in the same namespace that holds credentials. The operator never logs its content.</summary>
public sealed record SecretReference
{
    /// <summary>Name of the Secret, in the same namespace.</summary>
    [Required, MinLength(1), MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}

/// <summary>Regular expressions shared by the resource schemas.</summary>
public static class Patterns
{
    /// <summary>A Kubernetes object name (RFC 1123 subdomain).</summary>
    public const string DnsSubdomain = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A Go-style duration such as 30s, 5m or 1h30m.</summary>
    public const string Duration = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

    /// <summary>A role or team name: letters, digits, dot, dash, underscore and space, starting with a letter or digit.</summary>
    public const string Name = "^[A-Za-z0-9][A-Za-z0-9 ._-]*$";

    /// <summary>An http or https URL.</summary>
    public const string HttpUrl = "^https?://[^\\s]+$";
}
