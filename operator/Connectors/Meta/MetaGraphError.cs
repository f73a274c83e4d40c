using System.Text.Json;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// The Graph API error body, <c>{"error":{"message","type","code","error_subcode","is_transient","fbtrace_id"}}</c>, and
/// what its code means for the operator (Graph error-handling guide; reference section 7).
/// </summary>
internal sealed record MetaGraphError(string Message, string? Type, int? Code, int? Subcode, bool IsTransient, string? TraceId)
{
    /// <summary>Code 100 subcode 33: "Object with ID … does not exist, cannot be loaded … or does not support this operation".</summary>
    private const string MissingObjectCode = "100/33";

    /// <summary>The app error code as <see cref="ConnectorException.AppErrorCode"/> carries it: "code" or "code/subcode".</summary>
    public string? AppErrorCode => Code is null ? null : Subcode is null ? $"{Code}" : $"{Code}/{Subcode}";

    /// <summary>Codes that mean "slow down": app (4), user (17), page (32), application (341), custom/hourly (613) and business use case (80000–80014) limits.</summary>
    public bool IsThrottling => Code is 4 or 17 or 32 or 341 or 613 or (>= 80000 and <= 80014);

    /// <summary>Codes that mean the token is invalid or expired (190, 102) or lacks a permission (10, 200–299).</summary>
    public bool IsAuthorization => Code is 190 or 102 or 10 or (>= 200 and <= 299);

    /// <summary>Unknown error (1), service temporarily unavailable (2), or Meta flagged the error transient.</summary>
    public bool IsTransientFailure => IsTransient || Code is 1 or 2;

    /// <summary>Whether a failed call means the object named in its path does not exist (any more).</summary>
    public static bool NamesMissingObject(ConnectorException failure) =>
        failure.Kind == ConnectorErrorKind.Rejected && (failure.AppErrorCode == MissingObjectCode || failure.StatusCode == 404);

    /// <summary>Reads the error body; null when the body is not a Graph error.</summary>
    public static MetaGraphError? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new MetaGraphError(
                Text(error, "message") ?? "no message",
                Text(error, "type"),
                Number(error, "code"),
                Number(error, "error_subcode"),
                error.TryGetProperty("is_transient", out var transient) && transient.ValueKind == JsonValueKind.True,
                Text(error, "fbtrace_id"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Message} ({Type ?? "error"} {AppErrorCode ?? "without code"}{(TraceId is null ? "" : $", fbtrace_id {TraceId}")})";

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
