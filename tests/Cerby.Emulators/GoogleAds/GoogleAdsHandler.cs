using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.GoogleAds;

/// <summary>
/// Answers <c>POST /{version}/customers/{id}/googleAds:search</c>, <c>…/customerUserAccesses:mutate</c> and
/// <c>…/customerUserAccessInvitations:mutate</c> for one customer: bearer token and developer-token checks (and
/// login-customer-id in manager mode), injected faults, then the calls, each answer carrying a request-id header.
/// </summary>
internal sealed partial class GoogleAdsHandler(GoogleAdsEmulator emulator)
{
    private GoogleAdsAccount Account => emulator.Account;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var requestId = Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..22].Replace('+', '-').Replace('/', '_');
        context.Response.Headers["request-id"] = requestId;
        var path = request.Path.Value ?? "";
        var route = Route().Match(path);
        var version = route.Success ? route.Groups["version"].Value : GoogleAdsEmulator.Version;
        emulator.Calls.Record(request.Method, route.Success ? route.Groups["method"].Value : path);
        try
        {
            if (!route.Success || request.Method != "POST")
            {
                throw new GoogleAdsException(404, "NOT_FOUND", "requestError", "UNKNOWN", $"The requested URL {path} was not found.");
            }

            Authorize(request, route.Groups["customer"].Value);
            var fault = emulator.Faults.Take(route.Groups["method"].Value);
            switch (fault?.Kind)
            {
                case GoogleAdsFaultKind.Quota:
                    throw GoogleAdsException.Quota(fault.RetryDelay);
                case GoogleAdsFaultKind.Unavailable:
                    throw new GoogleAdsException(503, "UNAVAILABLE", "internalError", "TRANSIENT_ERROR", "The service is currently unavailable.");
                case GoogleAdsFaultKind.MalformedJson:
                    context.Response.ContentType = "application/json; charset=UTF-8";
                    await context.Response.WriteAsync("""{"results":[{"customerUserAccess":{"resourceName":"customers/""", context.RequestAborted).ConfigureAwait(false);
                    return;
            }

            var body = await ReadBodyAsync(request).ConfigureAwait(false);
            var answer = route.Groups["method"].Value switch
            {
                "googleAds:search" => Search(body, fault?.Kind == GoogleAdsFaultKind.PageLoop),
                "customerUserAccesses:mutate" => MutateUser(Operation(body)),
                "customerUserAccessInvitations:mutate" => MutateInvitation(Operation(body)),
                var other => throw new GoogleAdsException(404, "NOT_FOUND", "requestError", "UNKNOWN", $"Method {other} is not emulated."),
            };
            if (fault?.Kind == GoogleAdsFaultKind.LostAnswer)
            {
                throw new GoogleAdsException(500, "INTERNAL", "internalError", "INTERNAL_ERROR", "Internal error encountered.");
            }

            await WriteAsync(context, 200, answer).ConfigureAwait(false);
        }
        catch (GoogleAdsException e)
        {
            await WriteAsync(context, e.HttpStatus, e.ToJson(version, requestId)).ConfigureAwait(false);
        }
    }

    private JsonObject Search(JsonObject body, bool pageLoop)
    {
        var text = body["query"]?.GetValue<string>() ?? throw GoogleAdsException.Request("REQUIRED_FIELD_MISSING", "The query is required.");
        if (body.ContainsKey("pageSize"))
        {
            throw GoogleAdsException.Request("PAGE_SIZE_NOT_SUPPORTED", "Setting the page size is not supported.");
        }

        var query = GaqlQuery.Parse(text);
        IEnumerable<Func<string, string?>> rows = query.Resource switch
        {
            GoogleAdsRows.UserResource => Account.Users().Select(u => GoogleAdsRows.Fields(Account, u)),
            GoogleAdsRows.InvitationResource => Account.Invitations().Select(i => GoogleAdsRows.Fields(Account, i)),
            var other => throw GoogleAdsException.Invalid("queryError", "INVALID_RESOURCE_NAME_IN_FROM_CLAUSE", $"Resource '{other}' is not emulated."),
        };
        var matching = rows.Where(query.Matches).ToList();
        var offset = pageLoop ? 0 : PageToken.Read(body["pageToken"]?.GetValue<string>(), text);
        var page = matching.Skip(offset).Take(emulator.PageSize).Select(r => (JsonNode)GoogleAdsRows.Render(query, r)).ToArray();
        var answer = new JsonObject { ["results"] = new JsonArray(page), ["fieldMask"] = GoogleAdsRows.FieldMask(query) };
        if (offset + page.Length < matching.Count)
        {
            answer["nextPageToken"] = PageToken.Write(offset + page.Length, text);
        }

        if (body["searchSettings"]?["returnTotalResultsCount"]?.GetValue<bool>() == true)
        {
            answer["totalResultsCount"] = matching.Count.ToString(CultureInfo.InvariantCulture);
        }

        return answer;
    }

    private JsonObject MutateUser(JsonObject operation)
    {
        var (resourceName, review) = operation switch
        {
            _ when operation["remove"] is JsonValue remove => Account.RemoveUser(remove.GetValue<string>()),
            _ when operation["update"] is JsonObject update => UpdateUser(update, operation["updateMask"]?.GetValue<string>()),
            _ => throw GoogleAdsException.Invalid("mutateError", "RESOURCE_NOT_FOUND", "The operation needs update or remove (there is no create)."),
        };
        return Result(resourceName, review);
    }

    private (string?, string?) UpdateUser(JsonObject update, string? mask)
    {
        if (mask is null || !mask.Split(',').Contains("accessRole", StringComparer.Ordinal))
        {
            throw GoogleAdsException.Invalid("fieldMaskError", "FIELD_NOT_FOUND", "The update mask must name accessRole.");
        }

        var resourceName = update["resourceName"]?.GetValue<string>() ?? throw GoogleAdsException.Request("REQUIRED_FIELD_MISSING", "resourceName is required.");
        return Account.UpdateRole(resourceName, update["accessRole"]?.GetValue<string>() ?? "");
    }

    private JsonObject MutateInvitation(JsonObject operation)
    {
        if (operation["remove"] is JsonValue remove)
        {
            return Result(Account.RemoveInvitation(remove.GetValue<string>()), null);
        }

        if (operation["create"] is not JsonObject create)
        {
            throw GoogleAdsException.Invalid("mutateError", "RESOURCE_NOT_FOUND", "The operation needs create or remove (an invitation cannot be updated).");
        }

        return Result(Account.Invite(create["emailAddress"]?.GetValue<string>() ?? "", create["accessRole"]?.GetValue<string>() ?? ""), null);
    }

    private static JsonObject Result(string? resourceName, string? review) =>
        new() { ["result"] = review is null ? new JsonObject { ["resourceName"] = resourceName } : new JsonObject { ["multiPartyAuthReview"] = review } };

    private static JsonObject Operation(JsonObject body) =>
        body["operation"] as JsonObject ?? throw GoogleAdsException.Request("REQUIRED_FIELD_MISSING", "The request needs a single operation.");

    private void Authorize(HttpRequest request, string customer)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + emulator.AccessToken)
        {
            throw new GoogleAdsException(401, "UNAUTHENTICATED", "authenticationError", "OAUTH_TOKEN_INVALID", "Request had invalid authentication credentials.");
        }

        if (request.Headers["developer-token"].ToString() is not { Length: > 0 } developerToken)
        {
            throw GoogleAdsException.Request("DEVELOPER_TOKEN_PARAMETER_MISSING", "The developer token is missing.");
        }

        if (developerToken != emulator.DeveloperToken)
        {
            throw new GoogleAdsException(403, "PERMISSION_DENIED", "authorizationError", "DEVELOPER_TOKEN_NOT_APPROVED", "The developer token is not approved.");
        }

        if (emulator.LoginCustomerId is { } manager && request.Headers["login-customer-id"].ToString() != manager)
        {
            throw request.Headers.ContainsKey("login-customer-id")
                ? new GoogleAdsException(403, "PERMISSION_DENIED", "headerError", "INVALID_LOGIN_CUSTOMER_ID", "The login customer id is not a manager of this customer.")
                : GoogleAdsException.Request("LOGIN_CUSTOMER_ID_PARAMETER_MISSING", "The login-customer-id header is required.");
        }

        if (customer != Account.CustomerId)
        {
            throw new GoogleAdsException(403, "PERMISSION_DENIED", "authorizationError", "USER_PERMISSION_DENIED", "The caller does not have permission to access customer " + customer + ".");
        }
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false) as JsonObject
                ?? throw GoogleAdsException.Request("INVALID_INPUT", "The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw GoogleAdsException.Request("INVALID_INPUT", "The body is not valid JSON.");
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^/(?<version>v\d+)/customers/(?<customer>[0-9]+)/(?<method>[A-Za-z]+:[A-Za-z]+)$")]
    private static partial Regex Route();

    /// <summary>Page tokens: the next offset bound to the query text (a changed query is INVALID_PAGE_TOKEN).</summary>
    private static class PageToken
    {
        public static string Write(int offset, string query) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset}|{query.GetHashCode(StringComparison.Ordinal)}"));

        public static int Read(string? token, string query)
        {
            if (string.IsNullOrEmpty(token))
            {
                return 0;
            }

            try
            {
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
                if (parts.Length == 2 && parts[1] == query.GetHashCode(StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture)
                    && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                {
                    return offset;
                }
            }
            catch (FormatException)
            {
            }

            throw GoogleAdsException.Request("INVALID_PAGE_TOKEN", "The page token is invalid.");
        }
    }
}
