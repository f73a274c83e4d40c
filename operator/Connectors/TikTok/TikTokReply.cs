using System.Text.Json;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>TikTok's response envelope <c>{code, message, request_id, data}</c>, read strictly.</summary>
internal sealed record TikTokReply(int Code, string Message, string? RequestId, JsonElement Data)
{
    /// <summary>Parses an envelope; anything else is <see cref="ConnectorErrorKind.InvalidResponse"/>.</summary>
    public static TikTokReply Parse(string body, string call)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var code) || !code.TryGetInt32(out var value))
            {
                throw Invalid(call, "an answer without the {code, message, request_id, data} envelope");
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            var requestId = root.TryGetProperty("request_id", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
            return new TikTokReply(value, message, requestId, data);
        }
        catch (JsonException)
        {
            throw Invalid(call, "an answer that is not JSON (cut off or malformed)");
        }
    }

    /// <summary>The failure this non-zero code stands for.</summary>
    public ConnectorException Failure(string call) =>
        new(TikTokCodes.KindOf(Code), $"{call}: TikTok code {Code} ({Message}){(RequestId is null ? "" : $", request_id {RequestId}")}", 200, Code.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The <c>data</c> object of a successful reply.</summary>
    public JsonElement RequireData(string call) => Data.ValueKind == JsonValueKind.Object
        ? Data
        : throw Invalid(call, "code 0 without a \"data\" object");

    private static ConnectorException Invalid(string call, string what) =>
        new(ConnectorErrorKind.InvalidResponse, $"{call}: TikTok returned {what}");
}
