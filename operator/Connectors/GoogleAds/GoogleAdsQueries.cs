using System.Globalization;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>The GAQL queries the connector sends (reference sections 2 and 4); literals are quoted and escaped here.</summary>
internal static class GoogleAdsQueries
{
    private const string UserFields =
        "SELECT customer_user_access.user_id, customer_user_access.email_address, customer_user_access.access_role, "
        + "customer_user_access.pending_multi_party_auth_review FROM customer_user_access";

    private const string InvitationFields =
        "SELECT customer_user_access_invitation.invitation_id, customer_user_access_invitation.email_address, "
        + "customer_user_access_invitation.access_role, customer_user_access_invitation.creation_date_time, "
        + "customer_user_access_invitation.invitation_status FROM customer_user_access_invitation";

    /// <summary>Every user access.</summary>
    public static string Users => UserFields;

    /// <summary>Every invitation, whatever its status (pending, declined, expired).</summary>
    public static string Invitations => InvitationFields;

    /// <summary>The user access with this user id.</summary>
    public static string User(long userId) => $"{UserFields} WHERE customer_user_access.user_id = {userId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The user access with this email (exact match, as Google stores it).</summary>
    public static string UserByEmail(string email) => $"{UserFields} WHERE customer_user_access.email_address = {Literal(email)}";

    /// <summary>The user accesses with any of these emails (exact matches, as Google stores them).</summary>
    public static string UsersByEmail(IEnumerable<string> emails) =>
        $"{UserFields} WHERE customer_user_access.email_address IN ({string.Join(", ", emails.Select(Literal))})";

    /// <summary>Every invitation, whatever its status, of any of these emails.</summary>
    public static string InvitationsByEmail(IEnumerable<string> emails) =>
        $"{InvitationFields} WHERE customer_user_access_invitation.email_address IN ({string.Join(", ", emails.Select(Literal))})";

    /// <summary>The pending invitations of this email.</summary>
    public static string PendingInvitations(string email) =>
        $"{InvitationFields} WHERE customer_user_access_invitation.email_address = {Literal(email)} AND customer_user_access_invitation.invitation_status = PENDING";

    /// <summary>The invitation with this id.</summary>
    public static string Invitation(long invitationId) =>
        $"{InvitationFields} WHERE customer_user_access_invitation.invitation_id = {invitationId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A GAQL string literal: single-quoted, with backslash and quote escaped.</summary>
    public static string Literal(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
