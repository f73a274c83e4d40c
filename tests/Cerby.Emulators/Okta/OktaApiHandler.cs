using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Okta;

/// <summary>
/// Every request: optional delay, rate-limit headers, injected faults, authentication (SSWS API token or a Bearer
/// access token the emulated token endpoint issued), then the endpoint. Errors carry Okta's error body.
/// </summary>
internal sealed class OktaApiHandler(OktaOrg org, OktaFaults faults, OktaRateLimiter limits, OktaAccessTokens tokens, string apiToken)
{
    private readonly OktaDirectoryEndpoints _directory = new(org, faults);
    private readonly OktaLogEndpoint _log = new(org, faults);

    /// <summary>Every request as "METHOD /path?query", in arrival order (tests count calls).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString}");
        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, context.RequestAborted);
        }

        var now = org.Time.GetUtcNow();
        context.Response.Headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
        var (allowed, limit, remaining, reset) = limits.Take(path);
        SetRateLimit(context, limit, remaining, reset);
        if (faults.Take(path) is { } fault)
        {
            if (fault.ResetIn is { } resetIn)
            {
                SetRateLimit(context, limit, 0, (now + resetIn).ToUnixTimeSeconds());
            }

            var summary = faults.EchoCredentialsInErrors ? $"Request failed for credentials {context.Request.Headers.Authorization}" : "Internal Server Error";
            await (fault.Status == 429 ? TooManyRequests(context) : Write(context, fault.Status, OktaResources.Error("E0000009", summary)));
            return;
        }

        if (!allowed)
        {
            await TooManyRequests(context);
            return;
        }

        if (path == "/oauth2/v1/token" && HttpMethods.IsPost(context.Request.Method))
        {
            await tokens.IssueAsync(context);
            return;
        }

        if (!Authenticated(context.Request.Headers.Authorization.ToString()))
        {
            await Write(context, 401, OktaResources.Error("E0000011", "Invalid token provided"));
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await Write(context, 405, OktaResources.Error("E0000022", "The endpoint does not support the provided HTTP method"));
            return;
        }

        var segments = path.Trim('/').Split('/');
        var handled = segments switch
        {
            ["api", "v1", "logs"] => _log.ListAsync(context),
            ["api", "v1", ..] => _directory.TryHandleAsync(context, segments[2..]),
            _ => null,
        };
        await (handled ?? Write(context, 404, OktaResources.Error("E0000007", $"Not found: Resource not found: {path} (Endpoint)")));
    }

    public static Task Write(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(body, OktaResources.Json);
    }

    private bool Authenticated(string authorization) =>
        authorization.StartsWith("SSWS ", StringComparison.Ordinal) ? authorization[5..] == apiToken
        : authorization.StartsWith("Bearer ", StringComparison.Ordinal) && tokens.IsValid(authorization[7..]);

    private static Task TooManyRequests(HttpContext context) =>
        Write(context, 429, OktaResources.Error("E0000047", "API call exceeded rate limit due to too many requests."));

    private static void SetRateLimit(HttpContext context, int limit, int remaining, long reset)
    {
        context.Response.Headers["X-Rate-Limit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-Rate-Limit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-Rate-Limit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }
}
