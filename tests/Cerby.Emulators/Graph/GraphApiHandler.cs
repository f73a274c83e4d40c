using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Graph;

/// <summary>
/// Every request: request ids, optional delay, injected faults (429 with Retry-After, 5xx), the token endpoint, bearer
/// token checks (401 InvalidAuthenticationToken, 403 Authorization_RequestDenied), the announced budget
/// (<see cref="GraphRateLimits"/>), then the endpoint under /v1.0. Errors carry Graph's OData error body.
/// </summary>
internal sealed class GraphApiHandler(GraphTenant tenant, GraphFaults faults, GraphAccessTokens tokens, GraphDeltaEndpoint delta, GraphRateLimits limits)
{
    private readonly GraphDirectoryEndpoints _directory = new(tenant, faults);

    /// <summary>Every request served, as "METHOD /path?query", in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["request-id"] = requestId;
        context.Response.Headers["client-request-id"] = context.Request.Headers["client-request-id"].ToString() is { Length: > 0 } client ? client : requestId;
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString}");
        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, context.RequestAborted);
        }

        if (faults.Take(path) is { } fault)
        {
            if (fault.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            if (fault.Status == 429)
            {
                context.Response.Headers["x-ms-throttle-scope"] = "Tenant_Application/ReadOnly/emulated/emulated";
                context.Response.Headers["x-ms-throttle-information"] = "ResourceUnitLimitExceeded";
            }

            var (code, message) = fault.Status switch
            {
                429 => ("TooManyRequests", "Too many requests."),
                503 => ("serviceNotAvailable", "The service is temporarily unavailable for maintenance or is overloaded."),
                504 => ("UnknownError", "Gateway timeout."),
                _ => ("generalException", "An unspecified error has occurred."),
            };
            await GraphJson.WriteErrorAsync(context, fault.Status, code, message);
            return;
        }

        var segments = path.Trim('/').Split('/');
        if (segments is [var tenantId, "oauth2", "v2.0", "token"] && HttpMethods.IsPost(context.Request.Method))
        {
            await tokens.IssueAsync(context, tenantId);
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (faults.RejectTokens || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !tokens.IsValid(authorization[7..]))
        {
            await GraphJson.WriteErrorAsync(context, 401, "InvalidAuthenticationToken", authorization.Length == 0 ? "Access token is empty." : "Access token validation failure. Invalid audience.");
            return;
        }

        if (!limits.Take(context))
        {
            await GraphJson.WriteErrorAsync(context, 429, "TooManyRequests", "Too many requests.");
            return;
        }

        if (faults.DenyAccess)
        {
            await GraphJson.WriteErrorAsync(context, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await GraphJson.WriteErrorAsync(context, 405, "Request_BadRequest", "The emulator serves reads only.");
            return;
        }

        var handled = segments switch
        {
            ["v1.0", var kind and ("users" or "groups"), "delta" or "delta()" or "microsoft.graph.delta()"] => delta.HandleAsync(context, kind),
            ["v1.0", .. var rest] => _directory.TryHandle(context, rest),
            _ => null,
        };
        await (handled ?? GraphJson.WriteErrorAsync(context, 400, "BadRequest", $"Resource not found for the segment '{segments[^1]}'."));
    }
}
