using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cerby.Emulators.Scim;

namespace Cerby.Operator.Bench.Latency;

/// <summary>
/// The real scimmy app over SCIM: one user by filter (about 5 ms with 1,000 users), or the member count. It owns the
/// node process and stops it on dispose.
/// </summary>
internal sealed class ScimAppProbe(ScimAppServer server, string token) : IAppProbe
{
    private readonly HttpClient _http = Create(server.ScimUrl, token);

    public string Name => "scimmy (node, real SCIM 2.0 app)";

    /// <summary>The user's role, or null when the app has no active user of that name.</summary>
    public async Task<(bool Member, string? Role)> UserAsync(string email, CancellationToken cancellationToken)
    {
        var filter = Uri.EscapeDataString($"userName eq \"{email}\"");
        var page = JsonNode.Parse(await _http.GetStringAsync($"Users?filter={filter}&attributes=userName,roles,active", cancellationToken))!;
        var user = page["Resources"]?.AsArray().FirstOrDefault();
        if (user is null || user["active"]?.GetValue<bool>() == false)
        {
            return (false, null);
        }

        var role = user["roles"]?.AsArray().Select(r => r?["value"]?.GetValue<string>()).FirstOrDefault(r => r is not null);
        return (true, role is null ? null : char.ToUpperInvariant(role[0]) + role[1..]); // the hub's nativeRole is the role name in lower case
    }

    /// <summary>How many users the app holds.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var page = JsonNode.Parse(await _http.GetStringAsync("Users?count=0", cancellationToken))!;
        return page["totalResults"]?.GetValue<int>() ?? 0;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        server.Dispose();
        return ValueTask.CompletedTask;
    }

    private static HttpClient Create(string scimUrl, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(scimUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
