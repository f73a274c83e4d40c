using System.Globalization;
using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// An RFC 7644 §3.12 error body: the HTTP status (a string in JSON), the scimType where the RFC defines one, and a
/// human-readable detail. Servers write it with <see cref="ToJson"/>; clients read what an app sent with <see cref="Read"/>.
/// </summary>
internal sealed record ScimError(int Status, string? ScimType, string? Detail)
{
    public JsonObject ToJson()
    {
        var error = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Error),
            ["status"] = Status.ToString(CultureInfo.InvariantCulture),
        };
        if (ScimType is not null)
        {
            error["scimType"] = ScimType;
        }

        if (Detail is not null)
        {
            error["detail"] = Detail;
        }

        return error;
    }

    /// <summary>
    /// The error an app answered with <paramref name="status"/>: scimType and detail taken from the body when it is an
    /// error object holding them as non-empty strings (names compared case-insensitively), else null.
    /// </summary>
    public static ScimError Read(int status, JsonNode? body) =>
        new(status, Text(body as JsonObject, "scimType"), Text(body as JsonObject, "detail"));

    private static string? Text(JsonObject? error, string name) =>
        error is not null && ScimJsonAttributes.String(error, name) is { Length: > 0 } text ? text : null;
}
