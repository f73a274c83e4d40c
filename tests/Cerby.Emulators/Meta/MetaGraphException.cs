using System.Text.Json.Nodes;

namespace Cerby.Emulators.Meta;

/// <summary>A Graph API error the emulator answers with: <c>{"error":{"message","type","code","error_subcode","fbtrace_id"}}</c>.</summary>
internal sealed class MetaGraphException(int statusCode, string message, int code, int? subcode = null, string type = "OAuthException", bool transient = false)
    : Exception(message)
{
    /// <summary>The HTTP status; Graph uses 400 for most errors, throttling included.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>"Unsupported {method} request. Object with ID … does not exist …" (code 100, subcode 33).</summary>
    public static MetaGraphException MissingObject(string method, string id) =>
        new(400, $"Unsupported {method.ToLowerInvariant()} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
            100, 33, "GraphMethodException");

    /// <summary>"(#100) …": an invalid or missing parameter.</summary>
    public static MetaGraphException InvalidParameter(string message, int? subcode = null) => new(400, $"(#100) {message}", 100, subcode);

    /// <summary>The error body.</summary>
    public JsonObject ToJson()
    {
        var error = new JsonObject
        {
            ["message"] = Message,
            ["type"] = type,
            ["code"] = code,
        };
        if (subcode is not null)
        {
            error["error_subcode"] = subcode;
        }

        if (transient)
        {
            error["is_transient"] = true;
        }

        error["fbtrace_id"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..11];
        return new JsonObject { ["error"] = error };
    }
}
