using System.Text.Json;

namespace Cerby.Operator.Identity.Okta;

/// <summary>Okta's JSON: camelCase properties, and null or absent treated alike.</summary>
internal static class OktaJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A profile as the planner holds it: strings as they are, numbers and booleans in their JSON text, arrays of
    /// strings joined with commas; null and objects are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Profile(Dictionary<string, JsonElement>? profile)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in profile ?? [])
        {
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                _ => null,
            };
            if (text is not null)
            {
                result[ProfileNames.Shared(name)] = text;
            }
        }

        // Okta's login is usually the email: one string for both.
        if (result.TryGetValue("login", out var login) && result.TryGetValue("email", out var email) && login == email)
        {
            result["login"] = email;
        }

        return result;
    }
}
