using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cerby.Emulators.LinkedIn;

/// <summary>
/// Answers <c>/rest/adAccountUsers</c> as the versioned Marketing API does: bearer token, <c>LinkedIn-Version</c> and
/// <c>X-Restli-Protocol-Version: 2.0.0</c> required; the <c>accounts</c> finder with index paging; get, PUT (create or
/// overwrite), POST partial update and DELETE by compound key; LinkedIn's error body; the daily quota; injected faults.
/// </summary>
internal sealed partial class LinkedInRestHandler(LinkedInAdAccount account, LinkedInFaults faults, LinkedInDailyQuota quota, string accessToken)
{
    private const int DefaultCount = 10;
    private const int MaxCount = 1000;
    private int reads;
    private int writes;

    /// <summary>GET requests served or refused.</summary>
    public int Reads => Volatile.Read(ref reads);

    /// <summary>PUT, POST and DELETE requests served or refused.</summary>
    public int Writes => Volatile.Read(ref writes);

    /// <summary>Zeroes the counters.</summary>
    public void ClearCounts() => (reads, writes) = (0, 0);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        Interlocked.Increment(ref method == "GET" ? ref reads : ref writes);
        try
        {
            CheckHeaders(request);
            if (!quota.TryUse())
            {
                throw new LinkedInRestException(429, "Resource level throttle limit for calls to this resource is reached.");
            }

            var rawPath = request.Path.Value ?? "";
            const string prefix = "/rest/adAccountUsers";
            if (!rawPath.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new LinkedInRestException(404, $"No virtual resource found for {rawPath}");
            }

            var keySegment = rawPath[prefix.Length..].TrimStart('/');
            var finder = keySegment.Length == 0;
            var fault = method == "GET" && !finder ? null : faults.Take(isFinderRead: method == "GET"); // reads by key are never faulted
            switch (fault)
            {
                case LinkedInFaultKind.Throttle:
                    context.Response.Headers.RetryAfter = "1";
                    throw new LinkedInRestException(429, "Too Many Requests");
                case LinkedInFaultKind.ServerError:
                    throw new LinkedInRestException(503, "Service Unavailable");
                case LinkedInFaultKind.MalformedJson:
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("""{"elements":[{"account":"urn:li:spons""", context.RequestAborted);
                    return;
            }

            JsonObject? answer;
            int status;
            if (finder)
            {
                (status, answer) = method == "GET" ? (200, Find(request, fault == LinkedInFaultKind.PageLoop)) : throw new LinkedInRestException(405, $"{method} is not allowed on the collection");
            }
            else
            {
                var person = Key(keySegment);
                (status, answer) = await ByKeyAsync(method, person, request);
            }

            if (fault == LinkedInFaultKind.ApplyThenDrop)
            {
                context.Features.Get<IHttpResponseBodyFeature>()?.Stream.Close();
                context.Abort();
                return;
            }

            await WriteAsync(context, status, answer);
        }
        catch (LinkedInRestException e)
        {
            await WriteAsync(context, e.Status, e.ToJson());
        }
    }

    private void CheckHeaders(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization["Bearer ".Length..] != accessToken)
        {
            throw new LinkedInRestException(401, authorization.Length == 0 ? "Empty oauth2_access_token" : "Invalid access token", 65600);
        }

        var version = request.Headers["LinkedIn-Version"].ToString();
        if (!VersionPattern().IsMatch(version))
        {
            throw new LinkedInRestException(400, $"Invalid or missing LinkedIn-Version header \"{version}\" (expected YYYYMM)", 100);
        }

        if (request.Headers["X-Restli-Protocol-Version"].ToString() != "2.0.0")
        {
            throw new LinkedInRestException(400, "This API requires X-Restli-Protocol-Version: 2.0.0", 100);
        }
    }

    private JsonObject Find(HttpRequest request, bool pageLoop)
    {
        if (request.Query["q"].ToString() != "accounts")
        {
            throw new LinkedInRestException(400, $"Unsupported finder q={request.Query["q"]}", 100);
        }

        var accounts = request.Query["accounts"].ToString();
        if (accounts.Length == 0 || LinkedInRestKey.First(accounts) != account.Urn)
        {
            throw new LinkedInRestException(404, $"Ad account {(accounts.Length == 0 ? "(none)" : LinkedInRestKey.First(accounts))} not found");
        }

        var start = pageLoop ? 0 : Integer(request, "start", 0);
        var count = Integer(request, "count", DefaultCount);
        if (count is <= 0 or > MaxCount || start < 0)
        {
            throw new LinkedInRestException(400, $"count must be between 1 and {MaxCount} and start not negative", 100);
        }

        var (page, total) = account.List(start, count);
        var elements = new JsonArray([.. page.Select(Element)]);
        return new JsonObject
        {
            ["elements"] = elements,
            ["paging"] = new JsonObject { ["count"] = count, ["start"] = start, ["total"] = total, ["links"] = new JsonArray() },
        };
    }

    private async Task<(int, JsonObject?)> ByKeyAsync(string method, string person, HttpRequest request)
    {
        switch (method)
        {
            case "GET":
                return (200, Element(account.Get(person) ?? throw new LinkedInRestException(404, $"Ad account user {person} not found in {account.Urn}")));
            case "PUT":
            {
                var body = await BodyAsync(request);
                if (Text(body, "account") != account.Urn)
                {
                    throw new LinkedInRestException(400, "INVALID_VALUE: ACCOUNT_ID_MISMATCH_IN_PARAM_AND_BODY", 100);
                }

                if (Text(body, "user") != person)
                {
                    throw new LinkedInRestException(400, "INVALID_VALUE: USER_MISMATCH_IN_PARAM_AND_BODY", 100);
                }

                return (account.Put(person, Text(body, "role") ?? "") ? 201 : 204, null);
            }

            case "POST":
            {
                var body = await BodyAsync(request);
                var role = body["patch"]?["$set"]?["role"] is JsonValue v && v.TryGetValue<string>(out var r) ? r
                    : throw new LinkedInRestException(400, "A partial update needs {\"patch\":{\"$set\":{\"role\":...}}}", 100);
                account.SetRole(person, role);
                return (204, null);
            }

            case "DELETE":
                return account.Remove(person) ? (204, null) : throw new LinkedInRestException(404, $"Ad account user {person} not found in {account.Urn}");
            default:
                throw new LinkedInRestException(405, $"{method} is not allowed");
        }
    }

    private string Key(string segment)
    {
        var fields = LinkedInRestKey.Compound(segment) ?? throw new LinkedInRestException(400, $"Malformed key {segment}", 100);
        if (!fields.TryGetValue("account", out var accountUrn) || !fields.TryGetValue("user", out var person))
        {
            throw new LinkedInRestException(400, "The key needs both account and user", 100);
        }

        return accountUrn == account.Urn ? person : throw new LinkedInRestException(404, $"Ad account {accountUrn} not found");
    }

    private JsonObject Element(LinkedInAccountUserRecord user) => new()
    {
        ["account"] = account.Urn,
        ["role"] = user.Role,
        ["user"] = user.Person,
        ["changeAuditStamps"] = new JsonObject
        {
            ["created"] = new JsonObject { ["time"] = user.CreatedAt },
            ["lastModified"] = new JsonObject { ["time"] = user.LastModifiedAt },
        },
    };

    private static async Task<JsonObject> BodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject
                ?? throw new LinkedInRestException(400, "The body must be a JSON object", 100);
        }
        catch (JsonException)
        {
            throw new LinkedInRestException(400, "The body is not JSON", 100);
        }
    }

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Integer(HttpRequest request, string name, int fallback) =>
        request.Query.TryGetValue(name, out var value) ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1 : fallback;

    private static async Task WriteAsync(HttpContext context, int status, JsonObject? body)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-restli-protocol-version"] = "2.0.0";
        if (body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        }
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex VersionPattern();
}
