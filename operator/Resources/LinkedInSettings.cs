using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cerby.Operator.Resources.Schema;

namespace Cerby.Operator.Resources;

/// <summary>
/// LinkedIn only: the ad account whose users the hub manages, the API version, and who is who. LinkedIn adds people by
/// person URN only (no invitations, no lookup by email), so each email the hub may seat is declared with its person URN
/// (the id of urn:li:person:{id}, which the person's own GET /v2/me shows). A user with no declared URN is reported,
/// never guessed; an ad account user whose URN is not declared reads as a member named by the URN (drift).
/// </summary>
public sealed record LinkedInSettings
{
    /// <summary>The ad account roles LinkedIn knows, most privileged first (an account has one ACCOUNT_BILLING_ADMIN at most).</summary>
    public static readonly IReadOnlyList<string> AccountRoles = ["ACCOUNT_BILLING_ADMIN", "ACCOUNT_MANAGER", "CAMPAIGN_MANAGER", "CREATIVE_MANAGER", "VIEWER"];

    /// <summary>The numeric ad account id (urn:li:sponsoredAccount:{id}).</summary>
    [Required, MaxLength(32), RegularExpression("^[0-9]+$")]
    [JsonPropertyName("adAccountId")]
    public string AdAccountId { get; init; } = "";

    /// <summary>The LinkedIn-Version header sent on every call, YYYYMM; each version is served for at least a year.</summary>
    [MaxLength(6), RegularExpression("^[0-9]{6}$")]
    [Defaulted]
    [JsonPropertyName("version")]
    public string Version { get; init; } = "202603";

    /// <summary>Email to person URN pairs: who the hub can add to the ad account.</summary>
    [MaxLength(10000)]
    [ListMapKeys("email")]
    [JsonPropertyName("people")]
    public List<LinkedInPerson> People { get; init; } = [];
}

/// <summary>One person the hub knows on LinkedIn.</summary>
public sealed record LinkedInPerson
{
    /// <summary>The email the identity provider knows the person by.</summary>
    [Required, MaxLength(320)]
    [JsonPropertyName("email")]
    public string Email { get; init; } = "";

    /// <summary>The person URN, e.g. urn:li:person:AeioYvX34u.</summary>
    [Required, MaxLength(128), RegularExpression("^urn:li:person:[A-Za-z0-9_-]+$")]
    [JsonPropertyName("personUrn")]
    public string PersonUrn { get; init; } = "";
}
