using System.Text.Json.Nodes;

namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>One element of <c>adAccountUsers</c>: <c>{account, user, role, …}</c> (audit stamps in either documented shape are ignored).</summary>
internal sealed record LinkedInAccountUser(string Account, string Person, string Role)
{
    /// <summary>The element as LinkedIn sent it, or an InvalidResponse naming what is missing.</summary>
    public static LinkedInAccountUser From(JsonNode? node, string where)
    {
        if (node is not JsonObject element)
        {
            throw Invalid($"{where} holds something that is not an object");
        }

        var user = Text(element, "user") ?? throw Invalid($"{where} holds an element without a user");
        if (!LinkedInUrns.IsPerson(user))
        {
            throw Invalid($"{where} holds user {user}, which is not a person URN");
        }

        return new LinkedInAccountUser(
            Text(element, "account") ?? throw Invalid($"{where} holds user {user} without an account"),
            user,
            Text(element, "role") ?? throw Invalid($"{where} holds user {user} without a role"));
    }

    private static string? Text(JsonObject element, string name) =>
        element[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static ConnectorException Invalid(string problem) => new(ConnectorErrorKind.InvalidResponse, $"LinkedIn: {problem}");
}
