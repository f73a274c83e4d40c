using System.Globalization;
using System.Text.Json;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>A user access as the connector reads it.</summary>
internal sealed record AdsUser(long UserId, string Email, string AccessRole, bool PendingReview);

/// <summary>An access invitation as the connector reads it.</summary>
internal sealed record AdsInvitation(long InvitationId, string Email, string AccessRole, string Status);

/// <summary>Reads the fields of GAQL rows strictly: a field the query selected and the connector relies on must be there.</summary>
internal static class GoogleAdsRowFields
{
    /// <summary>The invitation id prefix of <see cref="Planning.ActualMember.AppUserId"/>, telling invitations from users.</summary>
    public const string InvitationPrefix = "invitation:";

    public static string Required(JsonElement row, string field, string what) =>
        row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Google Ads returned a {what} row without \"{field}\"");

    public static AdsUser User(JsonElement row)
    {
        var id = Id(row, "userId", "customerUserAccess");
        return new AdsUser(id, Required(row, "emailAddress", $"customerUserAccess {id}"), Required(row, "accessRole", $"customerUserAccess {id}"),
            row.TryGetProperty("pendingMultiPartyAuthReview", out var review) && review.ValueKind == JsonValueKind.True);
    }

    public static AdsInvitation Invitation(JsonElement row)
    {
        var id = Id(row, "invitationId", "customerUserAccessInvitation");
        var what = $"customerUserAccessInvitation {id}";
        return new AdsInvitation(id, Required(row, "emailAddress", what), Required(row, "accessRole", what), Required(row, "invitationStatus", what));
    }

    /// <summary>An int64 id: a JSON string by the protobuf JSON rule, a number tolerated.</summary>
    private static long Id(JsonElement row, string field, string what)
    {
        if (row.TryGetProperty(field, out var value)
            && ((value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                || (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out id))))
        {
            return id;
        }

        throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Google Ads returned a {what} row without a readable \"{field}\"");
    }
}
