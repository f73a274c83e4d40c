using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Okta;

/// <summary>Okta users as the planner sees them.</summary>
internal static class OktaUserMapping
{
    /// <summary>The statuses Okta documents (users API): anything else is a status Okta added later.</summary>
    public static readonly IReadOnlySet<string> KnownStatuses = new HashSet<string>(StringComparer.Ordinal)
    {
        "ACTIVE", "PROVISIONED", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED", "STAGED", "SUSPENDED", "DEPROVISIONED",
    };

    /// <summary>
    /// The one mapping of Okta user statuses, used by the operator and by <c>plan</c>. ACTIVE, PROVISIONED, RECOVERY,
    /// LOCKED_OUT and PASSWORD_EXPIRED users can sign in (after a reset at most), so they are active; STAGED, SUSPENDED
    /// and DEPROVISIONED are not. A status Okta may add later is treated as SUSPENDED: it is not trusted to grant access
    /// (Okta's guidance is to treat anything but ACTIVE and the sign-in-recoverable states as no access), yet the user is
    /// not taken for deleted (Deleted is only ever a 404 from Okta), so nothing irreversible is assumed of them.
    /// </summary>
    public static UserLifecycle Lifecycle(string? status) => status switch
    {
        "ACTIVE" or "PROVISIONED" or "RECOVERY" or "LOCKED_OUT" or "PASSWORD_EXPIRED" => UserLifecycle.Active,
        "STAGED" => UserLifecycle.Staged,
        "DEPROVISIONED" => UserLifecycle.Deactivated,
        _ => UserLifecycle.Suspended,
    };

    /// <summary>The planner's user: matched by profile.email, or by login when the profile has no email.</summary>
    public static IdpUser ToIdpUser(OktaUser user)
    {
        var profile = OktaJson.Profile(user.Profile);
        var email = profile.GetValueOrDefault("email") is { Length: > 0 } mail ? mail : profile.GetValueOrDefault("login") ?? user.Id;
        return new IdpUser(user.Id, email, Lifecycle(user.Status), ProfileMap.Of(profile));
    }

    /// <summary>A user Okta no longer has (404): deleted, known by the id and the login the System Log named.</summary>
    public static IdpUser Deleted(string userId, string? login) =>
        new(userId, login ?? userId, UserLifecycle.Deleted, ProfileMap.Empty);
}
