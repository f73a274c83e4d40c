using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Cerby.Sandbox;

/// <summary>One member of the SCIM app: the role the app stores and whether the account is active.</summary>
internal sealed record ScimMember(string UserName, string? Role, bool Active)
{
    public override string ToString() => $"{UserName}={Role ?? "(no role)"}{(Active ? "" : " (inactive)")}";
}

/// <summary>Reads the SCIM app's members straight from the app (GET /Users), as its admin would see them.</summary>
internal sealed class ScimMembers(string scimUrl, string token) : IDisposable
{
    private readonly HttpClient _http = Create(scimUrl, token);

    public async Task<IReadOnlyDictionary<string, ScimMember>> ReadAsync(CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, ScimMember>(StringComparer.OrdinalIgnoreCase);
        for (var start = 1; ; )
        {
            var page = JsonNode.Parse(await _http.GetStringAsync($"Users?startIndex={start}&count=1000", cancellationToken))!;
            var resources = page["Resources"]?.AsArray() ?? [];
            foreach (var user in resources)
            {
                var role = user!["roles"]?.AsArray().Select(r => r?["value"]?.GetValue<string>()).FirstOrDefault(r => r is not null);
                var name = user["userName"]!.GetValue<string>();
                members[name] = new ScimMember(name, role, user["active"]?.GetValue<bool>() ?? true);
            }

            var total = page["totalResults"]?.GetValue<int>() ?? 0;
            start += resources.Count;
            if (resources.Count == 0 || start > total)
            {
                return members;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(string scimUrl, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(scimUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
