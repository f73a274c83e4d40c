using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Graph;

/// <summary>
/// The Microsoft identity platform's token endpoint for one app registration: <c>POST /{tenant}/oauth2/v2.0/token</c>
/// with the client-credentials grant and scope <c>https://graph.microsoft.com/.default</c>. Refusals carry AADSTS
/// errors like the real one; issued tokens expire on the emulator's clock.
/// </summary>
internal sealed class GraphAccessTokens(TimeProvider time, string tenantId, string clientId, string clientSecret)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _everIssued = new();
    private int _issuedCount;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(3599);

    public int IssuedCount => _issuedCount;

    /// <summary>Every token issued, revoked ones too (tests scan logs for them).</summary>
    public IReadOnlyList<string> Issued => [.. _everIssued];

    public async Task IssueAsync(HttpContext context, string tenant)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string Field(string name) => form?[name].ToString() ?? "";
        if (!string.Equals(tenant, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, 400, "invalid_request", 90002, $"AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }
        else if (Field("grant_type") != "client_credentials")
        {
            await RefuseAsync(context, 400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type.");
        }
        else if (Field("client_id") != clientId)
        {
            await RefuseAsync(context, 400, "unauthorized_client", 700016, $"AADSTS700016: Application with identifier '{Field("client_id")}' was not found in the directory '{tenantId}'.");
        }
        else if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(Field("client_secret")), System.Text.Encoding.UTF8.GetBytes(clientSecret)))
        {
            await RefuseAsync(context, 401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
        }
        else if (!Field("scope").EndsWith("/.default", StringComparison.Ordinal))
        {
            await RefuseAsync(context, 400, "invalid_scope", 1002012, "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
        }
        else
        {
            var token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.emulated." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            _issued[token] = time.GetUtcNow() + Lifetime;
            _everIssued.Enqueue(token);
            Interlocked.Increment(ref _issuedCount);
            await GraphJson.WriteAsync(context, 200, new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = (int)Lifetime.TotalSeconds,
                ["ext_expires_in"] = (int)Lifetime.TotalSeconds,
                ["access_token"] = token,
            });
        }
    }

    public bool IsValid(string token) => _issued.TryGetValue(token, out var until) && time.GetUtcNow() < until;

    /// <summary>Every token issued so far stops working (clients must get a new one).</summary>
    public void RevokeAll() => _issued.Clear();

    private static Task RefuseAsync(HttpContext context, int status, string error, int code, string description) =>
        GraphJson.WriteAsync(context, status, new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"{description}\r\nTrace ID: {Guid.NewGuid()}\r\nCorrelation ID: {Guid.NewGuid()}\r\nTimestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        });
}
