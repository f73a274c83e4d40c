using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.ConnectorHttp;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>A SCIM answer that was not retried: its status, JSON body (null when empty) and ETag header.</summary>
internal sealed record ScimResponse(string Operation, int Status, JsonNode? Body, string? ETag)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The body as an object, or InvalidResponse when the app sent something else.</summary>
    public JsonObject Object => Body as JsonObject
        ?? throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"{Operation}: expected a JSON object, got {(Body is null ? "an empty body" : Body.GetValueKind().ToString())}", Status);

    /// <summary>Throws the <see cref="ConnectorException"/> a failure status stands for, with the SCIM error's detail.</summary>
    public ScimResponse EnsureSucceeded() => Succeeded ? this : throw Failure();

    /// <summary>
    /// The error for a failure status: 401/403 Unauthorized, 429 Throttled, 5xx Unavailable, other 4xx Rejected,
    /// with the SCIM error body's scimType and detail (RFC 7644 §3.12) when it has them.
    /// </summary>
    public ConnectorException Failure()
    {
        var error = ScimError.Read(Status, Body);
        var (scimType, detail) = (error.ScimType, error.Detail);
        if (detail is { Length: > 300 })
        {
            detail = detail[..300] + "…";
        }

        var message = $"{Operation}: the app answered {Status}" + (scimType is null ? "" : $" ({scimType})") + (detail is null ? "" : $": {detail}");
        return new ConnectorException(HttpStatusErrors.KindOf(Status), message, Status, scimType);
    }
}
