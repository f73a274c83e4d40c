using System.Globalization;
using System.Text.Json.Nodes;

namespace Cerby.Emulators.Meta;

/// <summary>Graph objects as JSON with the <c>fields</c> the caller asked for (the defaults when it named none).</summary>
internal static class MetaGraphJson
{
    private static readonly string[] UserDefaults = ["id", "name"];
    private static readonly string[] InviteDefaults = ["id", "email", "role", "status"];
    private static readonly string[] AssignedDefaults = ["id", "name"];

    public static JsonObject User(EmulatedBusinessUser user, IReadOnlySet<string>? fields) => Pick(fields, UserDefaults, new()
    {
        ["id"] = user.Id,
        ["name"] = user.Name,
        ["email"] = user.Email,
        ["role"] = user.Role,
        ["tasks"] = new JsonArray(user.Role),
    });

    public static JsonObject Invite(EmulatedInvite invite, bool expired, IReadOnlySet<string>? fields) => Pick(fields, InviteDefaults, new()
    {
        ["id"] = invite.Id,
        ["email"] = invite.Email,
        ["role"] = invite.Role,
        ["status"] = expired ? "EXPIRED" : "PENDING",
        ["created_time"] = Time(invite.CreatedTime),
        ["expiration_time"] = Time(invite.ExpirationTime),
        ["invite_link"] = $"https://business.facebook.com/invitation/?token=emulated{invite.Id}",
        ["invited_user_type"] = new JsonArray("FB"),
        ["tasks"] = new JsonArray(invite.Role),
    });

    public static JsonObject Assigned(string userId, IReadOnlyList<string> tasks, IReadOnlySet<string>? fields) => Pick(fields, AssignedDefaults, new()
    {
        ["id"] = userId,
        ["name"] = $"user {userId}",
        ["user_type"] = "BUSINESS_USER",
        ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)t)]),
        ["permitted_tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)t)]),
    });

    /// <summary>Graph's datetime format: <c>2024-05-31T10:00:00+0000</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    private static JsonObject Pick(IReadOnlySet<string>? fields, string[] defaults, JsonObject all)
    {
        var picked = new JsonObject();
        foreach (var (name, value) in all)
        {
            if (value is not null && (name == "id" || (fields?.Contains(name) ?? defaults.Contains(name))))
            {
                picked[name] = value.DeepClone();
            }
        }

        return picked;
    }
}
