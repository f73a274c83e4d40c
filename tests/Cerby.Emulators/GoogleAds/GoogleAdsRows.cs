using System.Globalization;
using System.Text.Json.Nodes;

namespace Cerby.Emulators.GoogleAds;

/// <summary>
/// GAQL rows as the REST API returns them: one object per row, keyed by the resource in lowerCamelCase, holding the
/// selected fields (lowerCamelCase, int64 as strings) and always the resource name (reference section 2).
/// </summary>
internal static class GoogleAdsRows
{
    public const string UserResource = "customer_user_access";
    public const string InvitationResource = "customer_user_access_invitation";

    /// <summary>The field values of a user row by GAQL field name (without the resource prefix).</summary>
    public static Func<string, string?> Fields(GoogleAdsAccount account, EmulatedAdsUser user) => field => field switch
    {
        "resource_name" => account.UserResource(user.UserId),
        "user_id" => user.UserId.ToString(CultureInfo.InvariantCulture),
        "email_address" => user.Email,
        "access_role" => user.AccessRole,
        "access_creation_date_time" => DateTime(user.Created),
        "inviter_user_email_address" => user.Inviter,
        "pending_multi_party_auth_review" => user.PendingReview ? "true" : "false",
        "passkey_enabled" => "false",
        _ => throw Unknown(UserResource, field),
    };

    /// <summary>The field values of an invitation row by GAQL field name.</summary>
    public static Func<string, string?> Fields(GoogleAdsAccount account, EmulatedAdsInvitation invitation) => field => field switch
    {
        "resource_name" => account.InvitationResource(invitation.InvitationId),
        "invitation_id" => invitation.InvitationId.ToString(CultureInfo.InvariantCulture),
        "email_address" => invitation.Email,
        "access_role" => invitation.AccessRole,
        "creation_date_time" => DateTime(invitation.Created),
        "invitation_status" => invitation.Status,
        _ => throw Unknown(InvitationResource, field),
    };

    /// <summary>The row JSON of the selected fields.</summary>
    public static JsonObject Render(GaqlQuery query, Func<string, string?> valueOf)
    {
        var inner = new JsonObject { ["resourceName"] = valueOf("resource_name") };
        foreach (var field in query.Fields)
        {
            var name = field[(query.Resource.Length + 1)..];
            if (valueOf(name) is { } value)
            {
                inner[Camel(name)] = name == "pending_multi_party_auth_review" ? JsonValue.Create(value == "true") : JsonValue.Create(value);
            }
        }

        return new JsonObject { [Camel(query.Resource)] = inner };
    }

    /// <summary>The fieldMask of an answer: the selected fields in lowerCamelCase.</summary>
    public static string FieldMask(GaqlQuery query) =>
        string.Join(',', query.Fields.Select(f => $"{Camel(query.Resource)}.{Camel(f[(query.Resource.Length + 1)..])}"));

    private static string Camel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static GoogleAdsException Unknown(string resource, string field) =>
        GoogleAdsException.Invalid("queryError", "UNRECOGNIZED_FIELD", $"Unrecognized field in the query: '{resource}.{field}'.");
}
