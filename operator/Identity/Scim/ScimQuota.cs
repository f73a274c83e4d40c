using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;
using Microsoft.AspNetCore.Http;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// Per-IdentityProvider memory bounds of the inbound SCIM store (<see cref="ScimEndpointOptions.MaxUsers"/>,
/// <see cref="ScimEndpointOptions.MaxGroups"/>, <see cref="ScimEndpointOptions.MaxGroupMembers"/>): a push past them is
/// refused with 403 and a detail naming the limit, so one tenant cannot exhaust the operator's memory. Checked before
/// the store changes, so a refused request changes nothing.
/// </summary>
internal static class ScimQuota
{
    /// <summary>Before a POST: room for one more resource of the kind, and a group body within the member limit.</summary>
    public static void CheckCreate(ScimExchange exchange, ScimResourceKind kind, JsonNode? body)
    {
        var options = exchange.Options;
        var (count, max, what) = kind == ScimResourceKind.User
            ? (exchange.Store.Count(kind), options.MaxUsers, "users")
            : (exchange.Store.Count(kind), options.MaxGroups, "groups");
        if (count >= max)
        {
            throw Refused($"IdentityProvider {exchange.Tenant.IdpKey} already holds {count} {what}, the most one inbound SCIM tenant may hold ({max})");
        }

        CheckMembers(exchange, kind, Members(body));
    }

    /// <summary>Before a PUT: the group body within the member limit.</summary>
    public static void CheckReplace(ScimExchange exchange, ScimResourceKind kind, JsonNode? body) => CheckMembers(exchange, kind, Members(body));

    /// <summary>Before a PATCH of a group: its members now plus every member the operations add stay within the limit.</summary>
    public static void CheckPatch(ScimExchange exchange, ScimResourceKind kind, string id, JsonNode? patch)
    {
        if (kind != ScimResourceKind.Group || patch?["Operations"] is not JsonArray operations)
        {
            return;
        }

        var current = exchange.Store.Get(kind, id) is { } group && group.Body.TryGetProperty("members", out var members) && members.ValueKind == System.Text.Json.JsonValueKind.Array
            ? members.GetArrayLength()
            : 0;
        var added = 0;
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var path = operation["path"] is JsonValue p && p.TryGetValue<string>(out var text) ? text : null;
            var value = operation["value"];
            if (path is not null && path.StartsWith("members", StringComparison.OrdinalIgnoreCase))
            {
                added += value is JsonArray array ? array.Count : value is null ? 0 : 1;
            }
            else if (path is null && value is JsonObject whole)
            {
                added += Members(whole);
            }
        }

        CheckMembers(exchange, kind, current + added);
    }

    private static int Members(JsonNode? body) =>
        body is JsonObject o && o.FirstOrDefault(p => p.Key.Equals("members", StringComparison.OrdinalIgnoreCase)).Value is JsonArray array ? array.Count : 0;

    private static void CheckMembers(ScimExchange exchange, ScimResourceKind kind, int members)
    {
        if (kind == ScimResourceKind.Group && members > exchange.Options.MaxGroupMembers)
        {
            throw Refused($"a group of IdentityProvider {exchange.Tenant.IdpKey} may have at most {exchange.Options.MaxGroupMembers} members; this request would give it up to {members}");
        }
    }

    private static ScimException Refused(string detail) => new(StatusCodes.Status403Forbidden, null, detail);
}
