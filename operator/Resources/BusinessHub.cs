using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cerby.Operator.Resources.Schema;
using k8s.Models;

namespace Cerby.Operator.Resources;

/// <summary>
/// A business hub: a connected external app (a SCIM 2.0 app or Meta Business Manager) whose members, roles and
/// assets the operator keeps in line with the TeamShares that point at it.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[KindNames(Plural, "hub", "hubs")]
[PrinterColumn("Connector", "string", ".spec.connector.type", "The kind of app connection.")]
[PrinterColumn("Drift", "string", ".spec.policy.drift", "What the operator does about differences it did not cause.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the last sync succeeded.")]
[PrinterColumn("Members", "integer", ".status.members", "Members the app has.")]
[PrinterColumn("Drifted", "integer", ".status.drift.count", "Differences between the app and what is declared.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since creation.")]
public sealed class BusinessHub : CustomResource<BusinessHubSpec, BusinessHubStatus>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "BusinessHub";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "businesshubs";

    /// <inheritdoc />
    public override string Kind { get; set; } = KindName;
}

/// <summary>The desired state of a business hub.</summary>
[CelRule("self.connector.type != 'github' || self.roles.all(r, r.nativeRole in ['admin', 'member'])", "a github hub's nativeRole is an organization role: admin or member")]
[CelRule("self.connector.type != 'googleAds' || self.roles.all(r, r.nativeRole in ['ADMIN', 'STANDARD', 'READ_ONLY', 'EMAIL_ONLY'])", "a googleAds hub's nativeRole is a Google Ads access role: ADMIN, STANDARD, READ_ONLY or EMAIL_ONLY")]
[CelRule("self.connector.type != 'linkedin' || self.roles.all(r, r.nativeRole in ['ACCOUNT_BILLING_ADMIN', 'ACCOUNT_MANAGER', 'CAMPAIGN_MANAGER', 'CREATIVE_MANAGER', 'VIEWER'])", "a linkedin hub's nativeRole is an ad account role: ACCOUNT_BILLING_ADMIN, ACCOUNT_MANAGER, CAMPAIGN_MANAGER, CREATIVE_MANAGER or VIEWER")]
[CelRule("self.connector.type != 'tiktok' || self.roles.all(r, r.nativeRole.matches('^(ADMIN|STANDARD)(:(MANAGER|ANALYST))?$'))", "a tiktok hub's nativeRole is ADMIN or STANDARD, optionally with :MANAGER or :ANALYST")]
public sealed record BusinessHubSpec
{
    /// <summary>How the operator reaches the external app.</summary>
    [Required]
    [JsonPropertyName("connector")]
    public HubConnector Connector { get; init; } = new();

    /// <summary>The hub's roles, ranked from most to least privileged. When a person holds several shares, the highest-ranked role wins.</summary>
    [Required, MinLength(1), MaxLength(64)]
    [ListMapKeys("name")]
    [JsonPropertyName("roles")]
    public List<HubRole> Roles { get; init; } = [];

    /// <summary>What the operator may do on its own: drift handling, removal mode, the removal guard, pause and dry run.</summary>
    [Defaulted]
    [JsonPropertyName("policy")]
    public HubPolicy Policy { get; init; } = new();

    /// <summary>How many writes of different users the operator sends to the app at the same time, at most (1 to 64); unset, the operator's --app-write-concurrency (default 8). When the app throttles (429, Retry-After, rate-limit headers), the hub's writes back off together: the limit halves and every write waits out the pause the app asked for, then it grows back by one per round of successful writes. Apps whose users' writes share a resource (SCIM with role groups) get one at a time.</summary>
    [Range(1, 64)]
    [JsonPropertyName("writeConcurrency")]
    public int? WriteConcurrency { get; init; }
}

/// <summary>The connection to the external app.</summary>
[CelRule("self.type != 'meta' || has(self.businessId)", "a meta connector needs businessId")]
[CelRule("self.type != 'tiktok' || has(self.businessCenterId)", "a tiktok connector needs businessCenterId")]
[CelRule("self.type != 'linkedin' || has(self.linkedIn)", "a linkedin connector needs the linkedIn settings")]
[CelRule("self.type != 'github' || has(self.github)", "a github connector needs the github settings")]
[CelRule("self.type != 'googleAds' || has(self.googleAds)", "a googleAds connector needs the googleAds settings")]
public sealed record HubConnector
{
    /// <summary>The app's protocol: scim (any SCIM 2.0 app) or meta (Meta Business Manager).</summary>
    [Required]
    [JsonPropertyName("type")]
    public ConnectorType Type { get; init; }

    /// <summary>Base URL of the app's API, e.g. https://app.example.com/scim/v2 or https://graph.facebook.com/v21.0.</summary>
    [Required, MaxLength(2048), RegularExpression(Patterns.HttpUrl)]
    [JsonPropertyName("baseUrl")]
    public string BaseUrl { get; init; } = "";

    /// <summary>The Secret holding the app credentials (key "token": a SCIM bearer token or a Meta system-user access token).</summary>
    [Required]
    [JsonPropertyName("credentialsSecretRef")]
    public SecretReference CredentialsSecretRef { get; init; } = new();

    /// <summary>Whether new members are invited and must accept before they hold a seat (Meta Business Manager works this way).</summary>
    [Defaulted]
    [JsonPropertyName("inviteRequired")]
    public bool InviteRequired { get; init; }

    /// <summary>Meta only: the Business Manager id whose users and assets the hub manages.</summary>
    [MaxLength(64), RegularExpression("^[0-9]+$")]
    [JsonPropertyName("businessId")]
    public string? BusinessId { get; init; }

    /// <summary>SCIM only: how a role is written to the app, through the user's roles attribute or through membership of a SCIM group named after the native role.</summary>
    [Defaulted]
    [JsonPropertyName("scimRoleMapping")]
    public ScimRoleMapping ScimRoleMapping { get; init; } = ScimRoleMapping.Roles;

    /// <summary>TikTok only: the Business Center id (bc_id) whose members and assets the hub manages. Roles name a Business Center role as nativeRole (ADMIN or STANDARD, optionally with a finance role: STANDARD:MANAGER, STANDARD:ANALYST) and an asset role as assetTasks (ADMIN, OPERATOR or ANALYST on ad accounts; ADMIN or AD_PROMOTE on catalogs).</summary>
    [MaxLength(32), RegularExpression("^[0-9]+$")]
    [JsonPropertyName("businessCenterId")]
    public string? BusinessCenterId { get; init; }

    /// <summary>LinkedIn only: the ad account, the API version and the email to person URN mapping.</summary>
    [JsonPropertyName("linkedIn")]
    public LinkedInSettings? LinkedIn { get; init; }

    /// <summary>GitHub only: the organization, and how people's emails map to their GitHub logins.</summary>
    [JsonPropertyName("github")]
    public GitHubConnectorSettings? GitHub { get; init; }

    /// <summary>Google Ads only: the customer account whose users the hub manages. The Secret also holds the developer token under key "developerToken"; key "token" is an OAuth access token with the adwords scope.</summary>
    [JsonPropertyName("googleAds")]
    public GoogleAdsSettings? GoogleAds { get; init; }
}

/// <summary>
/// A GitHub organization hub (baseUrl https://api.github.com, token: a fine-grained or GitHub App token with the
/// "Members" organization permission, write). Roles map to the org roles admin or member; assets are teams (by slug)
/// whose assetTasks are the team role, maintainer or member. GitHub lists members by login, without email, so logins
/// follow a rule: login = the email's local part + loginSuffix, for emails of emailDomain.
/// </summary>
public sealed record GitHubConnectorSettings
{
    /// <summary>The organization's login, e.g. acme (as in https://github.com/acme).</summary>
    [Required, MinLength(1), MaxLength(39), RegularExpression("^[A-Za-z0-9](?:-?[A-Za-z0-9])*$")]
    [JsonPropertyName("organization")]
    public string Organization { get; init; } = "";

    /// <summary>The company email domain whose people the hub manages, e.g. example.com; members whose login does not follow the rule read as {login}@users.noreply.github.com (drift).</summary>
    [Required, MinLength(1), MaxLength(253), RegularExpression("^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$")]
    [JsonPropertyName("emailDomain")]
    public string EmailDomain { get; init; } = "";

    /// <summary>What the company appends to logins, e.g. -acme for jdoe@example.com ↔ jdoe-acme; empty when logins are the local part.</summary>
    [MaxLength(38), RegularExpression("^[A-Za-z0-9-]*$")]
    [JsonPropertyName("loginSuffix")]
    public string? LoginSuffix { get; init; }
}

/// <summary>Which Google Ads customer account a hub manages, and the manager account it is reached through.</summary>
public sealed record GoogleAdsSettings
{
    /// <summary>The customer id, 10 digits without dashes (1234567890, shown as 123-456-7890 in the Google Ads UI).</summary>
    [Required, RegularExpression("^[0-9]{10}$")]
    [JsonPropertyName("customerId")]
    public string CustomerId { get; init; } = "";

    /// <summary>The manager (MCC) account the OAuth user acts through, sent as the login-customer-id header; omit when the user has direct access.</summary>
    [RegularExpression("^[0-9]{10}$")]
    [JsonPropertyName("loginCustomerId")]
    public string? LoginCustomerId { get; init; }
}

/// <summary>The protocol of a hub's connector.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConnectorType>))]
public enum ConnectorType
{
    /// <summary>Any SCIM 2.0 app (RFC 7643/7644).</summary>
    [JsonStringEnumMemberName("scim")] Scim,

    /// <summary>Meta Business Manager through the Graph API business endpoints.</summary>
    [JsonStringEnumMemberName("meta")] Meta,

    /// <summary>TikTok Business Center through the TikTok API for Business v1.3 /bc/ endpoints.</summary>
    [JsonStringEnumMemberName("tiktok")] TikTok,

    /// <summary>LinkedIn ad account users through the versioned Marketing API (adAccountUsers).</summary>
    [JsonStringEnumMemberName("linkedin")] LinkedIn,

    /// <summary>A GitHub organization through the REST API: org members and invitations, teams as assets.</summary>
    [JsonStringEnumMemberName("github")] GitHub,

    /// <summary>A Google Ads customer account through the Google Ads API (user accesses and access invitations).</summary>
    [JsonStringEnumMemberName("googleAds")] GoogleAds,
}

/// <summary>How roles are represented in a SCIM app.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScimRoleMapping>))]
public enum ScimRoleMapping
{
    /// <summary>The user's multi-valued roles attribute holds the native role.</summary>
    [JsonStringEnumMemberName("roles")] Roles,

    /// <summary>The user is a member of the SCIM group named after the native role.</summary>
    [JsonStringEnumMemberName("groups")] Groups,
}

/// <summary>A role the hub offers, mapped to the app's native role.</summary>
public sealed record HubRole
{
    /// <summary>The role's name as TeamShares use it, e.g. Admin or Editor.</summary>
    [Required, MinLength(1), MaxLength(63), RegularExpression(Patterns.Name)]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>The app's own name for the role, e.g. ADMIN or EMPLOYEE in Meta Business Manager.</summary>
    [Required, MinLength(1), MaxLength(128)]
    [JsonPropertyName("nativeRole")]
    public string NativeRole { get; init; } = "";

    /// <summary>Where the app has assets (pages, ad accounts): the native tasks this role grants on an asset shared with it, e.g. MANAGE, CREATE_CONTENT, ADVERTISE, ANALYZE.</summary>
    [MaxLength(32)]
    [ListSet]
    [JsonPropertyName("assetTasks")]
    public List<string> AssetTasks { get; init; } = [];
}

/// <summary>What the operator may do on its own for a hub.</summary>
public sealed record HubPolicy
{
    /// <summary>Differences in the app that no share justifies and that the operator did not cause: report lists them in status and Events; enforce corrects them.</summary>
    [Defaulted]
    [JsonPropertyName("drift")]
    public DriftMode Drift { get; init; } = DriftMode.Report;

    /// <summary>What losing access does to a member: remove deletes the app user; suspend deactivates it and keeps the account.</summary>
    [Defaulted]
    [JsonPropertyName("removal")]
    public RemovalMode Removal { get; init; } = RemovalMode.Remove;

    /// <summary>Holds back every removal of a sync that would remove more members than allowed, until a person approves it.</summary>
    [Defaulted]
    [JsonPropertyName("removalGuard")]
    public RemovalGuard RemovalGuard { get; init; } = new();

    /// <summary>When true the operator reads nothing and changes nothing in the app.</summary>
    [Defaulted]
    [JsonPropertyName("paused")]
    public bool Paused { get; init; }

    /// <summary>When true the operator plans and reports in status, but applies nothing.</summary>
    [Defaulted]
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; init; }

    /// <summary>How often the app is read again even when nothing changed, e.g. 10m.</summary>
    [MaxLength(32), RegularExpression(Patterns.Duration)]
    [Defaulted]
    [JsonPropertyName("resyncInterval")]
    public string ResyncInterval { get; init; } = "10m";
}

/// <summary>How drift is handled.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DriftMode>))]
public enum DriftMode
{
    /// <summary>List drift in status and Events; change nothing.</summary>
    [JsonStringEnumMemberName("report")] Report,

    /// <summary>Correct drift like any other difference.</summary>
    [JsonStringEnumMemberName("enforce")] Enforce,
}

/// <summary>What losing access does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RemovalMode>))]
public enum RemovalMode
{
    /// <summary>Delete the member from the app.</summary>
    [JsonStringEnumMemberName("remove")] Remove,

    /// <summary>Deactivate the member and keep the account.</summary>
    [JsonStringEnumMemberName("suspend")] Suspend,
}

/// <summary>The limit on removals in one sync. Both limits apply; the stricter wins.</summary>
public sealed record RemovalGuard
{
    /// <summary>The most members one sync may remove, suspend or uninvite; 0 makes every removal wait for approval.</summary>
    [Range(0, 1_000_000)]
    [Defaulted]
    [JsonPropertyName("maxRemovals")]
    public int MaxRemovals { get; init; } = 10;

    /// <summary>The most members one sync may remove, suspend or uninvite, as a percentage of the app's current members; it always allows one, and 100 turns it off.</summary>
    [Range(0, 100)]
    [Defaulted]
    [JsonPropertyName("maxRemovalsPercent")]
    public int MaxRemovalsPercent { get; init; } = 25;
}

/// <summary>What the operator observed on its last sync of the hub.</summary>
public sealed record BusinessHubStatus
{
    /// <summary>The .metadata.generation the status reflects.</summary>
    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; init; }

    /// <summary>Ready, Synced, Drifted, RemovalsHeld, IdpStale and Degraded.</summary>
    [ListMapKeys("type")]
    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get; init; } = [];

    /// <summary>Members the app has, pending invites included.</summary>
    [JsonPropertyName("members")]
    public int Members { get; init; }

    /// <summary>Members per hub role.</summary>
    [JsonPropertyName("membersByRole")]
    public Dictionary<string, int> MembersByRole { get; init; } = [];

    /// <summary>Invites sent and not yet accepted.</summary>
    [JsonPropertyName("pendingInvites")]
    public int PendingInvites { get; init; }

    /// <summary>The app's paid seats as it reported them on the last sync; absent when the app does not say (or the token may not see them).</summary>
    [JsonPropertyName("seats")]
    public HubSeats? Seats { get; init; }

    /// <summary>Differences between the app and what is declared that the operator did not cause.</summary>
    [JsonPropertyName("drift")]
    public DriftSummary? Drift { get; init; }

    /// <summary>Changes planned but not applied, because of dryRun or the removal guard.</summary>
    [JsonPropertyName("pendingPlan")]
    public PendingPlanSummary? PendingPlan { get; init; }

    /// <summary>When the app was last read and converged without error.</summary>
    [JsonPropertyName("lastSyncTime")]
    public DateTimeOffset? LastSyncTime { get; init; }
}

/// <summary>An app's paid seats.</summary>
public sealed record HubSeats
{
    /// <summary>Seats the app's plan has.</summary>
    [JsonPropertyName("total")]
    public int Total { get; init; }

    /// <summary>Seats taken, as the app counts them (for GitHub: members and pending invitations).</summary>
    [JsonPropertyName("filled")]
    public int Filled { get; init; }
}

/// <summary>A bounded summary of drift.</summary>
public sealed record DriftSummary
{
    /// <summary>How many differences there are.</summary>
    [JsonPropertyName("count")]
    public int Count { get; init; }

    /// <summary>The first differences, at most 20, each as one readable line.</summary>
    [MaxLength(20)]
    [JsonPropertyName("entries")]
    public List<string> Entries { get; init; } = [];

    /// <summary>Stable hash of the reported corrections; apply exactly this report by setting the annotation access.cerby.io/apply-drift to this value.</summary>
    [JsonPropertyName("hash")]
    public string? Hash { get; init; }
}

/// <summary>A plan the operator holds instead of applying.</summary>
public sealed record PendingPlanSummary
{
    /// <summary>Stable hash of the held changes; approve held removals by setting the annotation access.cerby.io/approve-removals to this value.</summary>
    [JsonPropertyName("hash")]
    public string Hash { get; init; } = "";

    /// <summary>Number of changes held.</summary>
    [JsonPropertyName("changes")]
    public int Changes { get; init; }

    /// <summary>Why the plan is held.</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    /// <summary>The first held changes, at most 20, each as one readable line.</summary>
    [MaxLength(20)]
    [JsonPropertyName("entries")]
    public List<string> Entries { get; init; } = [];
}
