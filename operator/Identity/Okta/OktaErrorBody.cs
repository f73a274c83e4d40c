using System.Net;
using System.Text.Json;

namespace Cerby.Operator.Identity.Okta;

/// <summary>Okta's error body: <c>{"errorCode", "errorSummary", "errorLink", "errorId", "errorCauses": [{"errorSummary"}]}</c>.</summary>
internal sealed record OktaErrorBody(string? ErrorCode, string? ErrorSummary, string? ErrorId, IReadOnlyList<OktaErrorCause>? ErrorCauses)
{
    /// <summary>The exception for a failed answer; the body is read if it is an Okta error body, and ignored otherwise.</summary>
    public static async Task<OktaApiException> ToExceptionAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await TryReadAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        var causes = body?.ErrorCauses is { Count: > 0 } list ? " (" + string.Join("; ", list.Select(c => c.ErrorSummary)) + ")" : "";
        var message = body?.ErrorCode is { } code
            ? $"Okta answered {status} {code} to {what}: {body.ErrorSummary}{causes}"
            : $"Okta answered {status} {ReasonOf(response.StatusCode)} to {what}";
        return new OktaApiException(message, response.StatusCode, body?.ErrorCode, body?.ErrorSummary, body?.ErrorId);
    }

    private static async Task<OktaErrorBody?> TryReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<OktaErrorBody>(text, OktaJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ReasonOf(HttpStatusCode status) => Enum.IsDefined(status) ? status.ToString() : "";
}

internal sealed record OktaErrorCause(string? ErrorSummary);
