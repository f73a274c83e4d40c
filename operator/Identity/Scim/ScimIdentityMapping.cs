using System.Text.Json;
using Cerby.Operator.Planning;

namespace Cerby.Operator.Identity.Scim;

/// <summary>Stored SCIM users and groups as the planner sees them.</summary>
internal static class ScimIdentityMapping
{
    /// <summary>
    /// The planner's user, by SCIM id: matched by the primary email, else by userName when it is an address, else by the
    /// first email, else by userName. active false is Deactivated; a DELETEd user is Deleted. The profile holds the
    /// simple attributes (userName, displayName, name.givenName, …, email) and extension attributes both by short name
    /// (department) and by full path (urn:…:enterprise:2.0:User:department).
    /// </summary>
    public static IdpUser ToIdpUser(ScimStoredResource user)
    {
        var profile = Profile(user.Body);
        var emails = Emails(user.Body);
        var userName = user.String("userName") ?? user.Id;
        var email = emails.FirstOrDefault(e => e.Primary).Value
            ?? (userName.Contains('@', StringComparison.Ordinal) ? userName : null)
            ?? emails.Select(e => e.Value).FirstOrDefault()
            ?? userName;
        profile["email"] = email;
        var lifecycle = user.Deleted ? UserLifecycle.Deleted
            : profile.TryGetValue("active", out var active) && active == "false" ? UserLifecycle.Deactivated
            : UserLifecycle.Active;
        return new IdpUser(user.Id, email, lifecycle, ProfileMap.Of(profile));
    }

    /// <summary>The id a group has in the directory: the IdP's own id (externalId, e.g. Entra's object id) when sent, else the SCIM id.</summary>
    public static string DirectoryId(ScimStoredResource group) => group.String("externalId") is { Length: > 0 } external ? external : group.Id;

    /// <summary>The member ids (SCIM user ids) of a group.</summary>
    public static IReadOnlyList<string> MemberIds(ScimStoredResource group) =>
        Property(group.Body, "members") is { ValueKind: JsonValueKind.Array } members
            ? members.EnumerateArray().Select(m => Property(m, "value")).Where(v => v?.ValueKind == JsonValueKind.String).Select(v => v!.Value.GetString()!).ToList()
            : [];

    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static List<(string? Value, bool Primary)> Emails(JsonElement body) =>
        Property(body, "emails") is { ValueKind: JsonValueKind.Array } emails
            ? emails.EnumerateArray()
                .Select(e => (Property(e, "value") is { ValueKind: JsonValueKind.String } v ? v.GetString() : null, Property(e, "primary") is { ValueKind: JsonValueKind.True }))
                .Where(e => !string.IsNullOrWhiteSpace(e.Item1))
                .ToList()
            : [];

    private static Dictionary<string, string> Profile(JsonElement body)
    {
        var profile = new Dictionary<string, string>(StringComparer.Ordinal);
        var extensions = new List<(string Urn, JsonElement Value)>();
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
            {
                extensions.Add((property.Name, property.Value));
            }
            else
            {
                AddSimple(profile, property.Name, property.Value);
            }
        }

        foreach (var (urn, extension) in extensions)
        {
            foreach (var property in extension.EnumerateObject())
            {
                var before = profile.Count;
                AddSimple(profile, urn + ":" + property.Name, property.Value);
                if (profile.Count > before)
                {
                    // The short names (department, costCenter, manager) too, unless a core attribute has the name.
                    AddSimple(profile, property.Name, property.Value, overwrite: false);
                }
            }
        }

        return profile;
    }

    /// <summary>Strings, numbers and booleans by name; a single complex value by <c>name.sub</c> (and manager by its value).</summary>
    private static void AddSimple(Dictionary<string, string> profile, string name, JsonElement value, bool overwrite = true)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                var text = value.ValueKind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.String => value.GetString()!,
                    _ => value.GetRawText(),
                };
                if (overwrite || !profile.ContainsKey(name))
                {
                    profile[ProfileNames.Shared(name)] = text;
                }

                break;
            case JsonValueKind.Object:
                foreach (var sub in value.EnumerateObject().Where(s => s.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                {
                    AddSimple(profile, name + "." + sub.Name, sub.Value, overwrite);
                }

                if (Property(value, "value") is { ValueKind: JsonValueKind.String } inner && (overwrite || !profile.ContainsKey(name)))
                {
                    profile[ProfileNames.Shared(name)] = inner.GetString()!;
                }

                break;
        }
    }
}
