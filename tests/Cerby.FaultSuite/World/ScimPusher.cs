using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Cerby.FaultSuite.World;

/// <summary>
/// The IdP's side of inbound SCIM (Okta Group Push as it drives it): creates users and groups on an operator replica's
/// endpoint and patches them. Every push returns its HTTP status (0 when the replica could not be reached) and counts.
/// </summary>
internal sealed class ScimPusher(Uri operatorUrl, string ns, string idp, string token) : IDisposable
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private readonly HttpClient _http = Create(operatorUrl, ns, idp, token);

    public async Task<(int Status, string? Id)> CreateUserAsync(string email, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, "Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{email}}","name":{"givenName":"{{email.Split('@')[0]}}","familyName":"Test"},
             "emails":[{"primary":true,"value":"{{email}}","type":"work"}],"externalId":"00u{{email.Split('@')[0]}}","groups":[],"active":true}
            """, cancellationToken);

    public async Task<(int Status, string? Id)> CreateGroupAsync(string name, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, "Groups", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{name}}","members":[]}""", cancellationToken);

    public async Task<int> AddMemberAsync(string groupId, string userId, string email, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Patch, $"Groups/{groupId}",
            $$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{userId}}","display":"{{email}}"}]}]}""", cancellationToken)).Status;

    public async Task<int> RemoveMemberAsync(string groupId, string userId, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Patch, $"Groups/{groupId}",
            $$"""{"schemas":["{{PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{userId}}\"]"}]}""", cancellationToken)).Status;

    public async Task<int> DeactivateAsync(string userId, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Patch, $"Users/{userId}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false} }]}""", cancellationToken)).Status;

    /// <summary>Okta Group Push's full update: PUT of the group with its whole member list.</summary>
    public async Task<int> ReplaceGroupAsync(string groupId, string name, IEnumerable<(string Id, string Email)> members, CancellationToken cancellationToken)
    {
        var list = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["value"] = m.Id, ["display"] = m.Email })]);
        var group = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["id"] = groupId,
            ["displayName"] = name,
            ["members"] = list,
        };
        return (await SendAsync(HttpMethod.Put, $"Groups/{groupId}", group.ToJsonString(), cancellationToken)).Status;
    }

    /// <summary>Whether the replica serves this IdentityProvider's SCIM base yet.</summary>
    public async Task<bool> ServesAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("ServiceProviderConfig", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<(int Status, string? Id)> SendAsync(HttpMethod method, string path, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/scim+json") };
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var id = response.IsSuccessStatusCode && text.StartsWith('{') ? JsonNode.Parse(text)?["id"]?.GetValue<string>() : null;
            return ((int)response.StatusCode, id);
        }
        catch (HttpRequestException)
        {
            return (0, null);
        }
    }

    private static HttpClient Create(Uri operatorUrl, string ns, string idp, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(operatorUrl, $"/idp/{ns}/{idp}/scim/v2/"), Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
