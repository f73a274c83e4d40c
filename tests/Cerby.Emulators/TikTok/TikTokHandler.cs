using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.TikTok;

/// <summary>
/// Answers <c>/open_api/v1.3/bc/…/</c> requests for one Business Center: the <c>Access-Token</c> header (missing 40104,
/// wrong 40105), injected faults, then the member and asset endpoints. Every answer is the
/// <c>{code, message, request_id, data}</c> envelope with HTTP 200, business errors included (reference section 1).
/// </summary>
internal sealed class TikTokHandler(TikTokBusinessCenter bc, TikTokFaults faults, TikTokCallLog calls, string accessToken)
{
    public const string Prefix = "/open_api/v1.3/";
    private long requestSeq;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var route = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : path;
        calls.Record(request.Method, route);
        var fault = (TikTokFault?)null;
        try
        {
            if (!request.Headers.TryGetValue("Access-Token", out var token) || string.IsNullOrEmpty(token))
            {
                throw new TikTokApiException(40104, "Access token is null, you need to include it in the request header");
            }

            if (token != accessToken)
            {
                throw new TikTokApiException(40105, "The access token is invalid or has been revoked");
            }

            fault = faults.Take(request.Method, route);
            switch (fault?.Kind)
            {
                case TikTokFaultKind.Code:
                    throw new TikTokApiException(fault.Code, fault.Code == 40100 ? "Too many requests. Please retry in some time." : "Injected error");
                case TikTokFaultKind.TooManyRequests:
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    return;
                case TikTokFaultKind.HttpError:
                    context.Response.StatusCode = fault.Status;
                    return;
                case TikTokFaultKind.MalformedJson:
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("""{"code":0,"message":"OK","data":{"list":[{"user_id":"70""", context.RequestAborted).ConfigureAwait(false);
                    return;
            }

            var data = request.Method switch
            {
                "GET" => Get(route, new TikTokParameters(request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal)), fault?.Kind == TikTokFaultKind.PageLoop),
                "POST" => Post(route, await TikTokParameters.FromBodyAsync(request).ConfigureAwait(false)),
                _ => throw new TikTokApiException(40002, $"{request.Method} is not supported"),
            };
            await WriteAsync(context, 0, "OK", data).ConfigureAwait(false);
        }
        catch (TikTokApiException e)
        {
            await WriteAsync(context, e.Code, e.Message, new JsonObject()).ConfigureAwait(false);
        }
    }

    private JsonObject Get(string route, TikTokParameters p, bool loop)
    {
        p.RequireBc(bc.Id);
        var page = loop ? 1 : p.Int("page", 1, int.MaxValue);
        switch (route)
        {
            case "bc/member/get/":
                var filter = p.Filtering();
                return TikTokJson.Page(bc.ListMembers(filter.GetValueOrDefault("keyword"), filter.GetValueOrDefault("user_role"), filter.GetValueOrDefault("relation_status"),
                    page, p.Int("page_size", 10, int.MaxValue)), TikTokJson.Member);
            case "bc/asset/member/get/":
                var type = p.Required("asset_type");
                var field = TikTokBusinessCenter.RoleOf(type)?.Field ?? throw TikTokApiException.Param($"asset_type {type} is not supported by the emulator");
                return TikTokJson.Page(bc.ListAssetMembers(type, p.Required("asset_id"), p.Filtering().GetValueOrDefault("keyword"), page, p.Int("page_size", 10, 20)),
                    e => TikTokJson.AssetMember(e.Member, field, e.Role));
            default:
                throw new TikTokApiException(40002, $"unknown path GET /{route}");
        }
    }

    private JsonObject Post(string route, TikTokParameters p)
    {
        p.RequireBc(bc.Id);
        switch (route)
        {
            case "bc/member/invite/":
                var emails = p.Strings("emails");
                if (emails.Count is < 1 or > 50 || emails.Any(e => !e.Contains('@', StringComparison.Ordinal)))
                {
                    throw TikTokApiException.Param("emails must hold 1 to 50 email addresses");
                }

                if (!p.Has("asset_ids"))
                {
                    throw TikTokApiException.Param("asset_ids is required");
                }

                bc.Invite(emails, p.Optional("user_role") ?? "STANDARD", p.FinanceRole().Value);
                break;
            case "bc/member/update/":
                var finance = p.FinanceRole();
                bc.Update(p.Required("user_id"), p.Optional("user_role"), finance.Present, finance.Value);
                break;
            case "bc/member/delete/":
                var userId = p.Optional("user_id");
                var email = p.Optional("user_email");
                bc.Delete(userId, userId is null ? email ?? throw TikTokApiException.Param("user_id or user_email is required") : null);
                break;
            case "bc/asset/assign/":
                var type = p.Required("asset_type");
                var (field, _) = TikTokBusinessCenter.RoleOf(type) ?? throw TikTokApiException.Param($"asset_type {type} is not supported by the emulator");
                var stray = new[] { "advertiser_role", "catalog_role", "store_role", "form_library_role", "tt_account_roles" }.FirstOrDefault(f => f != field && p.Has(f));
                if (stray is not null)
                {
                    throw TikTokApiException.Param($"{stray} does not apply to asset_type {type}");
                }

                bc.Assign(p.Required("user_id"), type, p.Required("asset_id"), p.Required(field));
                break;
            case "bc/asset/unassign/":
                bc.Unassign(p.Required("user_id"), p.Required("asset_type"), p.Required("asset_id"));
                break;
            default:
                throw new TikTokApiException(40002, $"unknown path POST /{route}");
        }

        return new JsonObject();
    }

    private async Task WriteAsync(HttpContext context, int code, string message, JsonNode data)
    {
        var requestId = $"20261202{Interlocked.Increment(ref requestSeq):D12}";
        var body = new JsonObject { ["code"] = code, ["message"] = message, ["request_id"] = requestId, ["data"] = data };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
