namespace Cerby.Operator.Planning;

/// <summary>A user who should have access to a hub, with every grant that says so.</summary>
/// <param name="Key">Match key (lower-case email).</param>
/// <param name="Attributes">App attributes the IdLCM mappings want; a null value means the attribute should be empty.</param>
public sealed record DesiredMember(
    string Key,
    string Email,
    string IdpUserId,
    IReadOnlyList<Grant> Grants,
    IReadOnlyDictionary<string, string?> Attributes);

/// <summary>
/// Who should have access to one hub, and what the operator cannot know. Each <see cref="Unknown"/> names the users
/// it could affect: those users lose no access on this sync (no removal, lower role or revoked asset); everyone else is
/// planned as usual. Uncertainty is scoped: an unknown team or an invalid share holds back only its own users.
/// </summary>
/// <param name="Members">Desired members by key.</param>
/// <param name="Inactive">Users known to the IdP but not active, by key, with the reason ("SUSPENDED in IdentityProvider okta").</param>
/// <param name="Unknowns">What cannot be known, each with the users it protects; empty when everything is known.</param>
public sealed record DesiredAccess(
    string Hub,
    IReadOnlyDictionary<string, DesiredMember> Members,
    IReadOnlyDictionary<string, string> Inactive,
    IReadOnlyList<Unknown> Unknowns)
{
    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<EndedGrant>> NoneEnded = new Dictionary<string, IReadOnlyList<EndedGrant>>(StringComparer.Ordinal);

    /// <summary>
    /// Grants that name a user but no longer apply to them (a TeamShare past its expiry, a share whose scope excludes
    /// them), by user key, with the reason the plan gives when that access goes. Data only: ended grants grant nothing.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<EndedGrant>> Ended { get; init; } = NoneEnded;

    /// <summary>Why some access cannot be known (unknown team, unreadable IdP, invalid share), distinct, in order.</summary>
    public IReadOnlyList<string> Uncertainties => [.. Unknowns.Select(u => u.Reason).Distinct(StringComparer.Ordinal)];

    /// <summary>Sources read completely once but not recently (IdpStale): their last-known members still count.</summary>
    public IReadOnlyList<string> Stale => Reasons(UnknownKind.Stale);

    /// <summary>Teams or IdP data whose membership is unknown or stale (IdpStale).</summary>
    public IReadOnlyList<string> Membership => [.. Unknowns.Where(u => u.Kind != UnknownKind.InvalidShare).Select(u => u.Reason).Distinct(StringComparer.Ordinal)];

    /// <summary>Invalid shares of this hub (Degraded InvalidShares), each with its problems.</summary>
    public IReadOnlyList<string> InvalidShares => Reasons(UnknownKind.InvalidShare);

    /// <summary>The unknowns that protect a user: any of them holds back that user's narrowing changes.</summary>
    public IEnumerable<Unknown> Protecting(string userKey) => Unknowns.Where(u => u.Covers(userKey));

    private List<string> Reasons(UnknownKind kind) => [.. Unknowns.Where(u => u.Kind == kind).Select(u => u.Reason).Distinct(StringComparer.Ordinal)];
}

/// <summary>A grant that no longer applies, and why: "TeamShare ns/x expired at 2026-01-31T00:00:00Z", "excluded by the scope of TeamShare ns/x (…)".</summary>
public sealed record EndedGrant(Grant Grant, string Reason);

/// <summary>What makes something unknown.</summary>
public enum UnknownKind
{
    /// <summary>A team, user or assignment whose membership or lifecycle could not be read.</summary>
    Membership,

    /// <summary>Membership read completely once, but not within the stale-after window.</summary>
    Stale,

    /// <summary>A share the validator rejects: the access it may grant its own users is kept as it is.</summary>
    InvalidShare,
}

/// <summary>One thing the operator cannot know, and whom it could affect.</summary>
/// <param name="Reason">Human-readable: names the team, binding, IdP or share.</param>
/// <param name="Users">The user keys it could affect; null when it could affect any member of the hub.</param>
public sealed record Unknown(UnknownKind Kind, string Reason, IReadOnlySet<string>? Users)
{
    /// <summary>Whether this unknown could affect the user.</summary>
    public bool Covers(string userKey) => Users is null || Users.Contains(userKey);
}
