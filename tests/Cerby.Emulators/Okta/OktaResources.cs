using System.Globalization;
using System.Text.Json;

namespace Cerby.Emulators.Okta;

/// <summary>The JSON shapes Okta answers with (okta-management-api.md sections 3 to 8).</summary>
internal static class OktaResources
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static object User(OktaUserEntity user, string org) => new Dictionary<string, object?>
    {
        ["id"] = user.Id,
        ["status"] = user.Status,
        ["created"] = Time(user.Created),
        ["activated"] = null,
        ["statusChanged"] = Time(user.LastUpdated),
        ["lastLogin"] = null,
        ["lastUpdated"] = Time(user.LastUpdated),
        ["passwordChanged"] = null,
        ["type"] = new { id = "otyemulated00000000" },
        ["profile"] = new Dictionary<string, string?>(user.Profile),
        ["credentials"] = new { provider = new { type = "OKTA", name = "OKTA" } },
        ["_links"] = new { self = new { href = $"{org}/api/v1/users/{user.Id}" } },
    };

    public static object Group(OktaGroupEntity group, string org) => new Dictionary<string, object?>
    {
        ["id"] = group.Id,
        ["created"] = Time(group.Created),
        ["lastUpdated"] = Time(group.Created),
        ["lastMembershipUpdated"] = Time(group.LastMembershipUpdated),
        ["objectClass"] = new[] { "okta:user_group" },
        ["type"] = "OKTA_GROUP",
        ["profile"] = new { name = group.Name, description = (string?)null },
        ["_links"] = new
        {
            users = new { href = $"{org}/api/v1/groups/{group.Id}/users" },
            apps = new { href = $"{org}/api/v1/groups/{group.Id}/apps" },
        },
    };

    public static object AppUser(OktaUserEntity user, OktaAppEntity app, string scope, IReadOnlyDictionary<string, string?> profile, string org) => new Dictionary<string, object?>
    {
        ["id"] = user.Id,
        ["externalId"] = null,
        ["created"] = Time(user.Created),
        ["lastUpdated"] = Time(user.LastUpdated),
        ["scope"] = scope,
        ["status"] = "PROVISIONED",
        ["statusChanged"] = Time(user.LastUpdated),
        ["syncState"] = "SYNCHRONIZED",
        ["credentials"] = new { userName = user.Login },
        ["profile"] = new Dictionary<string, string?>(profile),
        ["_links"] = new
        {
            app = new { href = $"{org}/api/v1/apps/{app.Id}" },
            user = new { href = $"{org}/api/v1/users/{user.Id}" },
        },
    };

    public static object AppGroup(OktaGroupEntity group, OktaAppEntity app, int priority, IReadOnlyDictionary<string, string?> profile, bool expand, string org)
    {
        var body = new Dictionary<string, object?>
        {
            ["id"] = group.Id,
            ["priority"] = priority,
            ["lastUpdated"] = Time(group.LastMembershipUpdated),
            ["profile"] = new Dictionary<string, string?>(profile),
            ["_links"] = new
            {
                app = new { href = $"{org}/api/v1/apps/{app.Id}" },
                self = new { href = $"{org}/api/v1/apps/{app.Id}/groups/{group.Id}" },
                group = new { href = $"{org}/api/v1/groups/{group.Id}" },
            },
        };
        if (expand)
        {
            body["_embedded"] = new { group = Group(group, org) };
        }

        return body;
    }

    public static object LogEvent(OktaLogEntry entry) => new Dictionary<string, object?>
    {
        ["uuid"] = entry.Uuid,
        ["published"] = Time(entry.Published),
        ["eventType"] = entry.EventType,
        ["version"] = "0",
        ["severity"] = "INFO",
        ["displayMessage"] = entry.DisplayMessage,
        ["actor"] = new { id = OktaOrg.AdminId, type = "User", alternateId = OktaOrg.AdminLogin, displayName = "Emulated Admin" },
        ["client"] = new { ipAddress = "127.0.0.1", userAgent = new { rawUserAgent = "cerby-okta-emulator" }, zone = "null" },
        ["outcome"] = new { result = "SUCCESS", reason = (string?)null },
        ["target"] = entry.Targets.Select(t => new { id = t.Id, type = t.Type, alternateId = t.AlternateId, displayName = t.DisplayName }).ToList(),
        ["transaction"] = new { type = "WEB", id = entry.Sequence.ToString(CultureInfo.InvariantCulture), detail = new { } },
        ["debugContext"] = new { debugData = new { } },
        ["authenticationContext"] = new { },
        ["securityContext"] = new { },
        ["request"] = new { ipChain = Array.Empty<object>() },
    };

    public static object Error(string code, string summary, params string[] causes) => new
    {
        errorCode = code,
        errorSummary = summary,
        errorLink = code,
        errorId = "oae" + Guid.NewGuid().ToString("N")[..22],
        errorCauses = causes.Select(c => new { errorSummary = c }).ToList(),
    };
}
