using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Meta;

/// <summary>
/// Answers Graph API requests (<c>/v{N}.0/{node}</c> and <c>/v{N}.0/{node}/{edge}</c>) for one business: token check
/// (bearer header or <c>access_token</c>), injected faults, then the business endpoints with cursor paging.
/// </summary>
internal sealed partial class MetaGraphHandler(MetaBusiness business, MetaFaultPlan faults, MetaCallLog calls, string accessToken, MetaWriteLimit? writeLimit = null)
{
    private readonly MetaWriteLimit writes = writeLimit ?? new();
    private const int DefaultLimit = 25;
    private const int MaxLimit = 1000;
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        var path = "/" + string.Join('/', segments.Skip(1));
        calls.Record(new MetaCall(request.Method, path, request.QueryString.Value ?? ""));
        using var inFlight = calls.Enter();
        try
        {
            if (segments.Length is < 2 or > 3 || !Version().IsMatch(segments[0]))
            {
                throw new MetaGraphException(400, $"Unknown path components: {request.Path}", 2500);
            }

            var parameters = await ReadParametersAsync(request).ConfigureAwait(false);
            Authorize(request, parameters);
            using var write = HttpMethods.IsGet(request.Method) ? null : Admit(context.Response);
            var fault = faults.Take(request.Method, path);
            switch (fault?.Kind)
            {
                case MetaFaultKind.Throttle:
                    throw MetaThrottling.Answer(fault, business.Id, context.Response);
                case MetaFaultKind.TooManyRequests:
                    context.Response.Headers.RetryAfter = ((int)fault.Delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                    throw new MetaGraphException(429, "(#4) Application request limit reached", 4);
                case MetaFaultKind.ServerError:
                    throw new MetaGraphException(fault.StatusCode, "(#2) Service temporarily unavailable", 2, transient: true);
                case MetaFaultKind.Slow:
                    await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                    break;
                case MetaFaultKind.MalformedJson:
                    context.Response.ContentType = "application/json; charset=UTF-8";
                    await context.Response.WriteAsync("""{"data":[{"id":"1015""", context.RequestAborted).ConfigureAwait(false);
                    return;
            }

            var answer = Dispatch(request, segments[1..], parameters, fault?.Kind == MetaFaultKind.CursorLoop);
            await WriteAsync(context, 200, answer).ConfigureAwait(false);
        }
        catch (MetaGraphException e)
        {
            await WriteAsync(context, e.StatusCode, e.ToJson()).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller gave up (a slow-response fault outlived its timeout).
        }
    }

    /// <summary>A write's place in flight, or a 429 when the app's parallel-write limit throttles it.</summary>
    private IDisposable Admit(HttpResponse response)
    {
        var entry = writes.Enter();
        if (entry.Scope is { } admitted)
        {
            return admitted;
        }

        response.Headers.RetryAfter = ((int)Math.Ceiling(entry.Wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        throw new MetaGraphException(429, "(#4) Application request limit reached", 4);
    }

    private JsonObject Dispatch(HttpRequest request, string[] route, Dictionary<string, string> parameters, bool cursorLoop)
    {
        var method = request.Method.ToUpperInvariant();
        var node = route[0];
        var edge = route.Length > 1 ? route[1] : null;
        var fields = parameters.TryGetValue("fields", out var named) ? named.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
        return (method, edge) switch
        {
            ("GET", "business_users") when node == business.Id =>
                List(request, business.ListUsers(After(parameters, cursorLoop), Limit(parameters)), u => MetaGraphJson.User(u, fields), cursorLoop),
            ("POST", "business_users") when node == business.Id =>
                new JsonObject { ["id"] = business.Invite(Required(parameters, "email"), Required(parameters, "role")) },
            ("GET", "pending_users") when node == business.Id =>
                List(request, business.ListInvites(parameters.GetValueOrDefault("email"), After(parameters, cursorLoop), Limit(parameters)),
                    i => MetaGraphJson.Invite(i, business.IsExpired(i), fields), cursorLoop),
            ("GET", "assigned_users") when business.IsAsset(node) =>
                ListAssigned(request, node, parameters, fields, cursorLoop),
            ("POST", "assigned_users") when business.IsAsset(node) =>
                Success(() => business.Assign(node, Required(parameters, "user"), Tasks(Required(parameters, "tasks")), parameters.GetValueOrDefault("business"))),
            ("DELETE", "assigned_users") when business.IsAsset(node) =>
                Success(() => business.Unassign(node, Required(parameters, "user"))),
            ("GET", null) => NodeJson(business.Node(node), fields),
            ("POST", null) => Success(() => business.UpdateRole(node, Required(parameters, "role"))),
            ("DELETE", null) => Success(() => business.Delete(node)),
            _ when node != business.Id && !business.IsAsset(node) => throw MetaGraphException.MissingObject(method, node),
            _ => throw MetaGraphException.InvalidParameter($"Tried accessing nonexisting field ({edge}) with {method}"),
        };
    }

    private JsonObject ListAssigned(HttpRequest request, string node, Dictionary<string, string> parameters, IReadOnlySet<string>? fields, bool cursorLoop)
    {
        if (parameters.GetValueOrDefault("business") != business.Id)
        {
            throw MetaGraphException.InvalidParameter("The parameter business is required and must be the business that owns the asset");
        }

        return List(request, business.ListAssigned(node, After(parameters, cursorLoop), Limit(parameters)), a => MetaGraphJson.Assigned(a.UserId, a.Tasks, fields), cursorLoop);
    }

    private JsonObject NodeJson(object found, IReadOnlySet<string>? fields) => found switch
    {
        EmulatedBusinessUser user => MetaGraphJson.User(user, fields),
        EmulatedInvite invite => MetaGraphJson.Invite(invite, business.IsExpired(invite), fields),
        EmulatedAsset asset => new JsonObject { ["id"] = asset.Node },
        MetaBusiness owner => new JsonObject { ["id"] = owner.Id, ["name"] = "Emulated business" },
        _ => throw new InvalidOperationException($"no JSON for {found.GetType().Name}"),
    };

    /// <summary>
    /// A list answer: <c>data</c>, and <c>paging</c> with <c>cursors</c> when there are items and <c>next</c> only when more
    /// follow. Under a cursor-loop fault the first page comes back with <c>next</c>, every time.
    /// </summary>
    private static JsonObject List<T>(HttpRequest request, MetaListPage<T> page, Func<T, JsonObject> render, bool cursorLoop)
    {
        var answer = new JsonObject { ["data"] = new JsonArray([.. page.Items.Select(i => (JsonNode)render(i.Item))]) };
        if (page.Items.Count == 0)
        {
            return answer;
        }

        var after = MetaCursor.Encode(page.Items[^1].Key);
        var paging = new JsonObject
        {
            ["cursors"] = new JsonObject { ["before"] = MetaCursor.Encode(page.Items[0].Key), ["after"] = after },
        };
        if (page.HasMore || cursorLoop)
        {
            paging["next"] = NextLink(request, after);
        }

        answer["paging"] = paging;
        return answer;
    }

    private static string NextLink(HttpRequest request, string after)
    {
        var query = request.Query.Where(q => q.Key != "after").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"after={Uri.EscapeDataString(after)}");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }

    private static string? After(Dictionary<string, string> parameters, bool cursorLoop) => cursorLoop ? null : parameters.GetValueOrDefault("after");

    private static int Limit(Dictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("limit", out var text))
        {
            return DefaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? Math.Min(limit, MaxLimit)
            : throw MetaGraphException.InvalidParameter("Param limit must be a positive integer");
    }

    private static List<string> Tasks(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? throw MetaGraphException.InvalidParameter("Param tasks must be an array");
        }
        catch (JsonException)
        {
            throw MetaGraphException.InvalidParameter("Param tasks must be a JSON array of task names");
        }
    }

    private static JsonObject Success(Action act)
    {
        act();
        return new JsonObject { ["success"] = true };
    }

    private static string Required(Dictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : throw MetaGraphException.InvalidParameter($"The parameter {name} is required");

    private void Authorize(HttpRequest request, Dictionary<string, string> parameters)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : parameters.GetValueOrDefault("access_token");
        if (token != accessToken)
        {
            throw new MetaGraphException(400, "Invalid OAuth access token - Cannot parse access token", 190);
        }
    }

    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpRequest request)
    {
        var parameters = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (name, value) in await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false))
            {
                parameters[name] = value.ToString();
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            foreach (var (name, value) in body?.AsObject() ?? [])
            {
                parameters[name] = value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "";
            }
        }

        return parameters;
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(Plain), context.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial Regex Version();
}
