using System.Text.Json.Nodes;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>The parts of a SCIM user the connector reads, and the whole resource for a PUT.</summary>
/// <param name="Id">The app's id.</param>
/// <param name="UserName">userName, the match key once lower-cased.</param>
/// <param name="Email">The primary (else first) email, else userName.</param>
/// <param name="Active">active; a user without it is active.</param>
/// <param name="ExternalId">externalId, where the operator's marker lives.</param>
/// <param name="Role">The primary (else first) roles value, or null.</param>
/// <param name="Version">meta.version, for If-Match.</param>
/// <param name="Resource">The resource as read.</param>
internal sealed record ScimUser(string Id, string UserName, string Email, bool Active, string? ExternalId, string? Role, string? Version, JsonObject Resource)
{
    /// <summary>Reads a user resource; throws what <paramref name="invalid"/> makes when a required field is missing or mistyped.</summary>
    public static ScimUser Parse(JsonNode? node, Func<string, Exception> invalid)
    {
        if (node is not JsonObject user)
        {
            throw invalid("a user is not a JSON object");
        }

        var id = Text(user, "id") ?? throw invalid("a user has no id");
        var userName = Text(user, "userName") ?? throw invalid($"user {id} has no userName");
        var active = user["active"] switch
        {
            null => true,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            _ => throw invalid($"user {id} has an active that is not a boolean"),
        };

        return new ScimUser(
            id,
            userName,
            PrimaryValue(user, "emails") ?? userName,
            active,
            Text(user, "externalId"),
            PrimaryValue(user, "roles"),
            Text(user["meta"] as JsonObject, "version"),
            user);
    }

    private static string? Text(JsonObject? owner, string name) =>
        owner?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static string? PrimaryValue(JsonObject user, string name)
    {
        if (user[name] is not JsonArray values)
        {
            return null;
        }

        var items = values.OfType<JsonObject>().ToList();
        var primary = items.FirstOrDefault(v => v["primary"] is JsonValue p && p.TryGetValue<bool>(out var isPrimary) && isPrimary) ?? items.FirstOrDefault();
        return Text(primary, "value");
    }
}
