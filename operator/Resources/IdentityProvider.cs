using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cerby.Operator.Resources.Schema;
using k8s.Models;

namespace Cerby.Operator.Resources;

/// <summary>
/// An identity provider the operator learns people from: an Okta org, an Entra ID tenant, or an inbound SCIM
/// endpoint the IdP pushes users and groups to. Optionally an IdLCM app integration whose assignments grant access.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[KindNames(Plural, "idp", "idps")]
[PrinterColumn("Type", "string", ".spec.type", "The kind of identity provider.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the IdP can be read.")]
[PrinterColumn("Users", "integer", ".status.users", "Users known from the IdP.")]
[PrinterColumn("Synced", "date", ".status.lastSyncTime", "When the IdP was last read completely.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since creation.")]
public sealed class IdentityProvider : CustomResource<IdentityProviderSpec, IdentityProviderStatus>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "IdentityProvider";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "identityproviders";

    /// <inheritdoc />
    public override string Kind { get; set; } = KindName;
}

/// <summary>How to reach the identity provider.</summary>
[CelRule("self.type != 'okta' || has(self.okta)", "type okta needs the okta settings")]
[CelRule("self.type != 'entra' || has(self.entra)", "type entra needs the entra settings")]
[CelRule("self.type != 'scim' || !has(self.appIntegration)", "a scim IdP pushes users and groups, not app assignments: bind its groups with IdpGroupBindings instead of appIntegration")]
public sealed record IdentityProviderSpec
{
    /// <summary>okta and entra are read through their APIs; scim means the IdP pushes users and groups to the operator's SCIM endpoint.</summary>
    [Required]
    [JsonPropertyName("type")]
    public IdentityProviderType Type { get; init; }

    /// <summary>Okta settings, for type okta.</summary>
    [JsonPropertyName("okta")]
    public OktaSettings? Okta { get; init; }

    /// <summary>Entra ID settings, for type entra.</summary>
    [JsonPropertyName("entra")]
    public EntraSettings? Entra { get; init; }

    /// <summary>The Secret with the IdP credentials: for okta "apiToken" (SSWS) or "privateKey" (private-key JWT), and optionally "eventHookAuthorization" (the Authorization value of an Okta Event Hook pointed at /idp/{namespace}/{name}/okta/events on the operator); for entra "clientSecret"; for scim "bearerToken", the token the IdP must present.</summary>
    [Required]
    [JsonPropertyName("credentialsSecretRef")]
    public SecretReference CredentialsSecretRef { get; init; } = new();

    /// <summary>How often everything is read again in full, besides incremental change detection, e.g. 15m.</summary>
    [MaxLength(32), RegularExpression(Patterns.Duration)]
    [Defaulted]
    [JsonPropertyName("resyncInterval")]
    public string ResyncInterval { get; init; } = "15m";

    /// <summary>How old membership may be before it counts as stale; stale membership never causes removals. Defaults to three resync intervals.</summary>
    [MaxLength(32), RegularExpression(Patterns.Duration)]
    [JsonPropertyName("staleAfter")]
    public string? StaleAfter { get; init; }

    /// <summary>How much of the IdP's API rate limits the operator may use; the rest is left to the org's other integrations.</summary>
    [JsonPropertyName("rateLimit")]
    public RateLimitSettings? RateLimit { get; init; }

    /// <summary>An IdLCM app integration: users assigned to this IdP app, directly or through groups, get access to a hub, and mapped profile attributes follow them.</summary>
    [JsonPropertyName("appIntegration")]
    public AppIntegration? AppIntegration { get; init; }
}

/// <summary>The kind of identity provider.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentityProviderType>))]
public enum IdentityProviderType
{
    /// <summary>An Okta org, read through the Okta Management API.</summary>
    [JsonStringEnumMemberName("okta")] Okta,

    /// <summary>An Entra ID tenant, read through Microsoft Graph.</summary>
    [JsonStringEnumMemberName("entra")] Entra,

    /// <summary>Any IdP that pushes users and groups over SCIM 2.0 to the operator.</summary>
    [JsonStringEnumMemberName("scim")] Scim,
}

/// <summary>How to reach an Okta org.</summary>
[CelRule("!has(self.authMode) || self.authMode != 'privateKeyJwt' || has(self.clientId)", "privateKeyJwt needs clientId")]
public sealed record OktaSettings
{
    /// <summary>The org URL, e.g. https://example.okta.com.</summary>
    [Required, MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    [JsonPropertyName("orgUrl")]
    public string OrgUrl { get; init; } = "";

    /// <summary>ssws uses an API token; privateKeyJwt uses an OAuth 2.0 service app with a private key.</summary>
    [Defaulted]
    [JsonPropertyName("authMode")]
    public OktaAuthMode AuthMode { get; init; } = OktaAuthMode.Ssws;

    /// <summary>The OAuth 2.0 service app's client id, for privateKeyJwt.</summary>
    [MaxLength(128)]
    [JsonPropertyName("clientId")]
    public string? ClientId { get; init; }

    /// <summary>How often the System Log is polled for membership and lifecycle changes while they flow, e.g. 2s; idle polls back off to logIdlePollInterval, and polling never uses more than rateLimit.maxShare of the System Log rate limit (Okta allows about 60 log requests a minute per org). With an Event Hook configured (Secret key eventHookAuthorization) deliveries are applied at once and the poll is the safety net.</summary>
    [MaxLength(32), RegularExpression(Patterns.Duration)]
    [Defaulted]
    [JsonPropertyName("logPollInterval")]
    public string LogPollInterval { get; init; } = "2s";

    /// <summary>How far apart System Log polls get when nothing happens: the poll backs off from logPollInterval to this while polls come back empty, and is fast again as soon as events come, e.g. 5s (a change after an idle hour still arrives within seconds). With an Event Hook it is at least 60s (the hook carries the latency; the poll is the safety net).</summary>
    [MaxLength(32), RegularExpression(Patterns.Duration)]
    [Defaulted]
    [JsonPropertyName("logIdlePollInterval")]
    public string LogIdlePollInterval { get; init; } = "5s";
}

/// <summary>The share of an IdP's rate limits the operator may use.</summary>
public sealed record RateLimitSettings
{
    /// <summary>The percentage of each rate-limit window the operator's polling may use, e.g. 50 leaves at least half to the org's other integrations: for Okta per endpoint family as announced in X-Rate-Limit-* headers; for Entra ID the budget Graph announces in RateLimit-* headers, or else the documented directory quota of the app and tenant (3,500 resource units per 10 s), and at least a window's wait once Graph reports more than 80 % used (x-ms-throttle-limit-percentage) or throttles (Retry-After).</summary>
    [Range(1, 100)]
    [Defaulted]
    [JsonPropertyName("maxShare")]
    public int MaxShare { get; init; } = 50;
}

/// <summary>Okta authentication modes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OktaAuthMode>))]
public enum OktaAuthMode
{
    /// <summary>An API token sent as "Authorization: SSWS token".</summary>
    [JsonStringEnumMemberName("ssws")] Ssws,

    /// <summary>OAuth 2.0 client credentials with a private-key JWT assertion.</summary>
    [JsonStringEnumMemberName("privateKeyJwt")] PrivateKeyJwt,
}

/// <summary>How to reach an Entra ID tenant.</summary>
public sealed record EntraSettings
{
    /// <summary>The tenant (directory) id.</summary>
    [Required, MinLength(1), MaxLength(64)]
    [JsonPropertyName("tenantId")]
    public string TenantId { get; init; } = "";

    /// <summary>The app registration's client id.</summary>
    [Required, MinLength(1), MaxLength(64)]
    [JsonPropertyName("clientId")]
    public string ClientId { get; init; } = "";

    /// <summary>The Microsoft Graph endpoint with its version, for sovereign clouds (e.g. https://graph.microsoft.us/v1.0) or an emulator.</summary>
    [MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    [Defaulted]
    [JsonPropertyName("graphBaseUrl")]
    public string GraphBaseUrl { get; init; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The Microsoft identity platform host tokens come from, for sovereign clouds (e.g. https://login.microsoftonline.us) or an emulator.</summary>
    [MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    [Defaulted]
    [JsonPropertyName("authorityHost")]
    public string AuthorityHost { get; init; } = "https://login.microsoftonline.com";

    /// <summary>How often the users and groups delta queries are polled while changes flow, e.g. 2s; idle polls back off to deltaIdlePollInterval, and polling never uses more than rateLimit.maxShare of the Graph budget (announced in RateLimit-* headers, or else the documented directory quota of the app and tenant, 3,500 resource units per 10 s; each poll costs about two).</summary>
    [MaxLength(32), RegularExpression(Patterns.Duration)]
    [Defaulted]
    [JsonPropertyName("deltaPollInterval")]
    public string DeltaPollInterval { get; init; } = "2s";

    /// <summary>How far apart delta polls get when nothing happens: the poll backs off from deltaPollInterval to this while polls come back empty, and is fast again as soon as changes come, e.g. 5s (a change after an idle hour still arrives within seconds).</summary>
    [MaxLength(32), RegularExpression(Patterns.Duration)]
    [Defaulted]
    [JsonPropertyName("deltaIdlePollInterval")]
    public string DeltaIdlePollInterval { get; init; } = "5s";
}

/// <summary>An IdP app integration (IdLCM) whose assignments grant hub access.</summary>
public sealed record AppIntegration
{
    /// <summary>The app's id in the IdP (an Okta 0oa… app id or an Entra service principal id).</summary>
    [Required, MinLength(1), MaxLength(128)]
    [JsonPropertyName("appId")]
    public string AppId { get; init; } = "";

    /// <summary>The BusinessHub the assigned users get access to.</summary>
    [Required]
    [JsonPropertyName("hubRef")]
    public LocalObjectReference HubRef { get; init; } = new();

    /// <summary>The hub role an assignment grants when the assignment does not name one.</summary>
    [Required, MinLength(1), MaxLength(63), RegularExpression(Patterns.Name)]
    [JsonPropertyName("role")]
    public string Role { get; init; } = "";

    /// <summary>An app-user profile attribute of the assignment that names the hub role, e.g. role; the role field applies when it is empty.</summary>
    [MaxLength(128)]
    [JsonPropertyName("roleAttribute")]
    public string? RoleAttribute { get; init; }

    /// <summary>IdP profile attributes that follow the user into the app.</summary>
    [MaxLength(64)]
    [ListMapKeys("appAttribute")]
    [JsonPropertyName("attributeMappings")]
    public List<AttributeMapping> AttributeMappings { get; init; } = [];
}

/// <summary>One IdP profile attribute mapped to one app user attribute.</summary>
public sealed record AttributeMapping
{
    /// <summary>The attribute in the IdP user profile (or the assignment's app-user profile), e.g. department or costCenter.</summary>
    [Required, MinLength(1), MaxLength(128)]
    [JsonPropertyName("idpAttribute")]
    public string IdpAttribute { get; init; } = "";

    /// <summary>The attribute in the app, e.g. title or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department.</summary>
    [Required, MinLength(1), MaxLength(256)]
    [JsonPropertyName("appAttribute")]
    public string AppAttribute { get; init; } = "";
}

/// <summary>What the operator knows of the IdP.</summary>
public sealed record IdentityProviderStatus
{
    /// <summary>The .metadata.generation the status reflects.</summary>
    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; init; }

    /// <summary>Ready and Synced.</summary>
    [ListMapKeys("type")]
    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get; init; } = [];

    /// <summary>Users known from the IdP.</summary>
    [JsonPropertyName("users")]
    public int Users { get; init; }

    /// <summary>When the IdP was last read completely.</summary>
    [JsonPropertyName("lastSyncTime")]
    public DateTimeOffset? LastSyncTime { get; init; }
}
