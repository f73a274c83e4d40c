using System.Text.Json;
using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// Turns what a client sent (POST, PUT, or the result of a PATCH) into the attributes the store keeps: server-owned
/// and write-only attributes dropped (id, meta, password, a user's read-only groups), active as a JSON boolean,
/// group members as distinct <c>{value, display?, type?}</c>, extension URNs listed in schemas, and the required
/// userName (users) or displayName (groups) present.
/// </summary>
internal static class ScimNormaliser
{
    public static JsonObject Prepare(ScimResourceKind kind, JsonNode? body)
    {
        if (body is not JsonObject source)
        {
            throw ScimException.InvalidSyntax("the request body must be a JSON object");
        }

        var resource = source.DeepClone().AsObject();
        foreach (var name in new[] { "id", "meta", "password" })
        {
            ScimJsonAttributes.Remove(resource, name);
        }

        if (ScimJsonAttributes.Get(resource, "schemas") is not JsonArray)
        {
            ScimJsonAttributes.Set(resource, "schemas", new JsonArray(kind == ScimResourceKind.User ? ScimSchemas.User : ScimSchemas.Group));
        }

        foreach (var (key, value) in resource.ToList())
        {
            if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && value is JsonObject)
            {
                ScimAttributePath.AddSchema(resource, key);
            }
        }

        if (kind == ScimResourceKind.User)
        {
            PrepareUser(resource);
        }
        else
        {
            PrepareGroup(resource);
        }

        return resource;
    }

    private static void PrepareUser(JsonObject user)
    {
        ScimJsonAttributes.Remove(user, "groups"); // read-only: membership changes on the group
        Require(user, "userName");
        if (ScimJsonAttributes.FindKey(user, "active") is { } key)
        {
            // Stored as "active" whatever the client's spelling, as a JSON boolean whatever its type.
            var active = ScimJsonAttributes.Boolean(user[key], "active");
            user.Remove(key);
            if (active is { } value)
            {
                user["active"] = value;
            }
        }
    }

    private static void PrepareGroup(JsonObject group)
    {
        Require(group, "displayName");
        var members = ScimJsonAttributes.Get(group, "members") switch
        {
            null => [],
            JsonArray array => array,
            JsonValue v when v.GetValueKind() == JsonValueKind.Null => [],
            _ => throw ScimException.InvalidValue("members must be an array"),
        };

        var kept = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member is not JsonObject entry || ScimJsonAttributes.String(entry, "value") is not { Length: > 0 } id)
            {
                throw ScimException.InvalidValue("each member needs a value (the user's id)");
            }

            if (seen.Add(id))
            {
                var clean = new JsonObject { ["value"] = id };
                foreach (var sub in new[] { "display", "type" })
                {
                    if (ScimJsonAttributes.String(entry, sub) is { } text)
                    {
                        clean[sub] = text;
                    }
                }

                kept.Add(clean);
            }
        }

        ScimJsonAttributes.Remove(group, "members");
        group["members"] = kept;
    }

    private static void Require(JsonObject resource, string name)
    {
        if (ScimJsonAttributes.String(resource, name) is not { Length: > 0 } value || string.IsNullOrWhiteSpace(value))
        {
            throw ScimException.InvalidValue($"{name} is required");
        }
    }
}
