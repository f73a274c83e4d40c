using System.Text.Json;
using Cerby.Operator.Connectors.ConnectorHttp;

namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>
/// LinkedIn's error body, <c>{"message": "...", "serviceErrorCode": 100, "status": 403}</c>, turned into a
/// <see cref="ConnectorException"/> that names the call, the status and LinkedIn's message (never a header or token).
/// </summary>
internal static class LinkedInError
{
    /// <summary>The message LinkedIn sends when an application or member spent its daily quota of a resource.</summary>
    public const string DailyLimitMessage = "Resource level throttle limit";

    /// <summary>LinkedIn's message and service error code from <paramref name="body"/>, when it is an error body.</summary>
    public static (string? Message, string? Code) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var code = root.TryGetProperty("serviceErrorCode", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetRawText() : null;
            return (message, code);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>The failure a final non-success answer stands for.</summary>
    public static ConnectorException ToException(string operation, int status, string body)
    {
        var (message, code) = Parse(body);
        var what = message is { Length: > 0 } ? $"{status} {Shorten(message)}" : $"HTTP {status}";
        var codeText = code is null ? "" : $" (serviceErrorCode {code})";
        return new ConnectorException(HttpStatusErrors.KindOf(status), $"LinkedIn refused {operation}: {what}{codeText}", status, code);
    }

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "…";
}
