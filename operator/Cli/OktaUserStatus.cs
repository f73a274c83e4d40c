using System.Text.Json.Serialization;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Cli;

/// <summary>A user's status as Okta reports it, plus DELETED for a user the IdP no longer has.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OktaUserStatus>))]
internal enum OktaUserStatus
{
    [JsonStringEnumMemberName("ACTIVE")] Active,
    [JsonStringEnumMemberName("STAGED")] Staged,
    [JsonStringEnumMemberName("PROVISIONED")] Provisioned,
    [JsonStringEnumMemberName("SUSPENDED")] Suspended,
    [JsonStringEnumMemberName("DEPROVISIONED")] Deprovisioned,
    [JsonStringEnumMemberName("LOCKED_OUT")] LockedOut,
    [JsonStringEnumMemberName("RECOVERY")] Recovery,
    [JsonStringEnumMemberName("PASSWORD_EXPIRED")] PasswordExpired,
    [JsonStringEnumMemberName("DELETED")] Deleted,
}

/// <summary>How Okta statuses map to the planner's lifecycle: a user who can still sign in is active.</summary>
internal static class OktaUserStatuses
{
    /// <summary>ACTIVE, PROVISIONED, RECOVERY, LOCKED_OUT and PASSWORD_EXPIRED users can sign in (after a reset at most), so they hold access.</summary>
    public static UserLifecycle ToLifecycle(this OktaUserStatus status) => status switch
    {
        OktaUserStatus.Staged => UserLifecycle.Staged,
        OktaUserStatus.Suspended => UserLifecycle.Suspended,
        OktaUserStatus.Deprovisioned => UserLifecycle.Deactivated,
        OktaUserStatus.Deleted => UserLifecycle.Deleted,
        _ => UserLifecycle.Active,
    };
}
