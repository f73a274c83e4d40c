using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Okta;

/// <summary>
/// The org authorization server's <c>POST /oauth2/v1/token</c> for service apps: <c>client_credentials</c> with a
/// <c>private_key_jwt</c> assertion (RS256, iss = sub = client id, aud = the token URL, exp at most an hour ahead,
/// jti unique), read-only <c>okta.*</c> scopes; access tokens live one hour.
/// </summary>
internal sealed class OktaAccessTokens(TimeProvider time)
{
    private static readonly HashSet<string> AllowedScopes = ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read"];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RSA> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedJti = new(StringComparer.Ordinal);

    /// <summary>How many access tokens were issued (tests check caching).</summary>
    public int IssuedCount
    {
        get
        {
            lock (_lock)
            {
                return _issued.Count;
            }
        }
    }

    public void RegisterServiceApp(string clientId, RSA publicKey)
    {
        lock (_lock)
        {
            _clients[clientId] = publicKey;
        }
    }

    public bool IsValid(string accessToken)
    {
        lock (_lock)
        {
            return _issued.TryGetValue(accessToken, out var until) && time.GetUtcNow() < until;
        }
    }

    public async Task IssueAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials" || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        {
            await Refuse(context, 400, "invalid_request", "client_credentials with a jwt-bearer client assertion is required");
            return;
        }

        var scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0 || !scopes.All(AllowedScopes.Contains))
        {
            await Refuse(context, 400, "invalid_scope", "The authorization server does not allow the requested scope");
            return;
        }

        var audience = $"{context.Request.Scheme}://{context.Request.Host}/oauth2/v1/token";
        if (Check(form["client_assertion"].ToString(), audience) is { } problem)
        {
            await Refuse(context, 401, "invalid_client", problem);
            return;
        }

        var token = "emu-at-" + Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            _issued[token] = time.GetUtcNow().AddHours(1);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["access_token"] = token,
            ["scope"] = string.Join(' ', scopes),
        });
    }

    /// <summary>Why the assertion is refused, or null when it is good.</summary>
    private string? Check(string assertion, string audience)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "The client_assertion is not a JWT";
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            using var claims = JsonDocument.Parse(Base64Url(parts[1]));
            var root = claims.RootElement;
            var issuer = root.GetProperty("iss").GetString() ?? "";
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            lock (_lock)
            {
                if (header.RootElement.GetProperty("alg").GetString() != "RS256" || !_clients.TryGetValue(issuer, out var key))
                {
                    return "The client_assertion was not signed by a registered key";
                }

                var signed = key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                var exp = root.GetProperty("exp").GetInt64();
                return !signed ? "The client_assertion signature is invalid"
                    : root.GetProperty("sub").GetString() != issuer ? "sub must equal iss"
                    : root.GetProperty("aud").GetString() != audience ? "aud must be the token endpoint"
                    : exp <= now || exp > now + 3600 ? "exp must be in the future and at most one hour ahead"
                    : !_usedJti.Add(root.GetProperty("jti").GetString() ?? "") ? "The jti was already used"
                    : null;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return "The client_assertion is malformed";
        }
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    private static Task Refuse(HttpContext context, int status, string error, string description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description });
    }
}
