using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Graph;

/// <summary>Graph's JSON shapes: entities with <c>$select</c> honoured, collections, and OData error bodies.</summary>
internal static class GraphJson
{
    public const string ContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    /// <summary>The user properties Graph returns without <c>$select</c>: accountEnabled and department must be asked for.</summary>
    private static readonly string[] DefaultUserProperties =
        ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"];

    private static readonly string[] UserStringProperties =
        ["displayName", "givenName", "surname", "mail", "jobTitle", "department", "employeeId", "employeeType", "companyName", "officeLocation", "city", "country", "mobilePhone", "preferredLanguage"];

    /// <summary>The properties <c>$select</c> names (id always included), or null for the default set.</summary>
    public static HashSet<string>? Select(string? select) => string.IsNullOrWhiteSpace(select)
        ? null
        : select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Append("id").ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static JsonObject User(GraphUser user, HashSet<string>? select, bool typed = false)
    {
        bool Wanted(string name) => select?.Contains(name) ?? DefaultUserProperties.Contains(name, StringComparer.Ordinal);
        var json = new JsonObject();
        if (typed)
        {
            json["@odata.type"] = "#microsoft.graph.user";
        }

        json["id"] = user.Id;
        if (Wanted("userPrincipalName"))
        {
            json["userPrincipalName"] = user.UserPrincipalName;
        }

        if (Wanted("accountEnabled"))
        {
            json["accountEnabled"] = user.AccountEnabled;
        }

        if (Wanted("businessPhones"))
        {
            json["businessPhones"] = new JsonArray();
        }

        foreach (var name in UserStringProperties.Where(Wanted))
        {
            json[name] = user.Attributes.GetValueOrDefault(name);
        }

        return json;
    }

    public static JsonObject Group(GraphGroup group, HashSet<string>? select, bool typed = false)
    {
        bool Wanted(string name) => select?.Contains(name) ?? true;
        var json = new JsonObject();
        if (typed)
        {
            json["@odata.type"] = "#microsoft.graph.group";
        }

        json["id"] = group.Id;
        if (Wanted("displayName"))
        {
            json["displayName"] = group.DisplayName;
        }

        if (Wanted("securityEnabled"))
        {
            json["securityEnabled"] = true;
        }

        if (Wanted("mailEnabled"))
        {
            json["mailEnabled"] = false;
        }

        if (Wanted("groupTypes"))
        {
            json["groupTypes"] = new JsonArray();
        }

        return json;
    }

    public static JsonObject ServicePrincipal(GraphServicePrincipal app) => new()
    {
        ["id"] = app.Id,
        ["appId"] = app.AppId,
        ["displayName"] = app.DisplayName,
        ["appRoles"] = new JsonArray(app.AppRoles.Select(r => (JsonNode)new JsonObject
        {
            ["allowedMemberTypes"] = new JsonArray("User"),
            ["description"] = r.Value,
            ["displayName"] = r.Value,
            ["id"] = r.Id.ToString(),
            ["isEnabled"] = true,
            ["origin"] = "Application",
            ["value"] = r.Value,
        }).ToArray()),
    };

    public static JsonObject Assignment(GraphServicePrincipal app, GraphAssignment assignment) => new()
    {
        ["id"] = assignment.Id,
        ["deletedDateTime"] = null,
        ["appRoleId"] = assignment.AppRoleId.ToString(),
        ["createdDateTime"] = assignment.Created.ToString("O"),
        ["principalDisplayName"] = assignment.PrincipalDisplayName,
        ["principalId"] = assignment.PrincipalId,
        ["principalType"] = assignment.PrincipalType,
        ["resourceDisplayName"] = app.DisplayName,
        ["resourceId"] = app.Id,
    };

    /// <summary>A <c>@removed</c> marker: "changed" (soft-deleted, restorable) or "deleted" (gone for good, or a member link removed).</summary>
    public static JsonObject Removed(string reason) => new() { ["reason"] = reason };

    /// <summary>Graph's error body: <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        var requestId = context.Response.Headers["request-id"].ToString();
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = requestId,
                },
            },
        };
        return WriteAsync(context, status, body);
    }

    public static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
