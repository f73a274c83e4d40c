using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.GitHub;

/// <summary>
/// Answers GitHub REST requests for one organization: headers (bearer token, User-Agent, API version), rate-limit
/// headers on every answer, injected faults, then the member, invitation, team and outside-collaborator endpoints
/// with page-numbered lists and Link headers.
/// </summary>
internal sealed class GitHubHandler(GitHubOrg org, GitHubFaults faults, GitHubCalls calls, string token, TimeProvider time)
{
    private static readonly string[] KnownVersions = ["2022-11-28", "2026-03-10"];
    private int remaining = 5000;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        calls.Record(request.Method, path);
        var reset = time.GetUtcNow().ToUnixTimeSeconds() + 3600;
        var headers = context.Response.Headers;
        headers["x-ratelimit-limit"] = "5000";
        headers["x-ratelimit-remaining"] = Math.Max(0, Interlocked.Decrement(ref remaining)).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = reset.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
        try
        {
            Check(request);
            var fault = faults.Take(request.Method, path, int.TryParse(request.Query["page"], CultureInfo.InvariantCulture, out var page) ? page : 1);
            switch (fault?.Kind)
            {
                case GitHubFaultKind.SecondaryLimit:
                    headers.RetryAfter = fault.Seconds.ToString(CultureInfo.InvariantCulture);
                    throw new GitHubApiException(429, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
                case GitHubFaultKind.SecondaryLimitNoRetryAfter:
                    throw new GitHubApiException(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
                case GitHubFaultKind.PrimaryLimit:
                    headers["x-ratelimit-remaining"] = "0";
                    headers["x-ratelimit-reset"] = (time.GetUtcNow().ToUnixTimeSeconds() + fault.Seconds).ToString(CultureInfo.InvariantCulture);
                    throw new GitHubApiException(403, "API rate limit exceeded for installation.");
                case GitHubFaultKind.ServerError:
                    throw new GitHubApiException(503, "Service Unavailable");
                case GitHubFaultKind.MalformedJson:
                    context.Response.ContentType = "application/json; charset=utf-8";
                    await context.Response.WriteAsync("""[{"login":"octo""", context.RequestAborted).ConfigureAwait(false);
                    return;
            }

            var segments = path.Trim('/').Split('/');
            if (segments.Length < 2 || segments[0] != "orgs" || !string.Equals(segments[1], org.Login, StringComparison.OrdinalIgnoreCase))
            {
                throw NotFound();
            }

            var body = request.ContentLength > 0 || request.Method is "PUT" or "POST" ? await ReadBodyAsync(request).ConfigureAwait(false) : null;
            var routes = new GitHubRoutes(org, context, fault?.Kind == GitHubFaultKind.PageLoop);
            var (status, answer) = routes.Dispatch(request.Method, segments[2..], body);
            context.Response.StatusCode = status;
            if (answer is not null)
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (GitHubApiException e)
        {
            context.Response.StatusCode = e.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(e.ToJson().ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The answer for an unknown or hidden resource.</summary>
    public static GitHubApiException NotFound() => new(404, "Not Found");

    private void Check(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.Headers.UserAgent))
        {
            throw new GitHubApiException(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header.");
        }

        if (request.Headers.TryGetValue("X-GitHub-Api-Version", out var version) && !KnownVersions.Contains(version.ToString()))
        {
            throw new GitHubApiException(400, $"API version {version} is not supported.");
        }

        if (!string.Equals(request.Headers.Authorization.ToString(), $"Bearer {token}", StringComparison.Ordinal))
        {
            throw new GitHubApiException(401, "Bad credentials");
        }
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<JsonObject>(request.Body).ConfigureAwait(false) ?? throw new GitHubApiException(400, "Body should be a JSON object");
        }
        catch (JsonException)
        {
            throw new GitHubApiException(400, "Problems parsing JSON");
        }
    }
}
