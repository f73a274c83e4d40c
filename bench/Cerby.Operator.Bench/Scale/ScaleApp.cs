using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cerby.Emulators.Scim;

namespace Cerby.Operator.Bench.Scale;

/// <summary>The app side of a scale world: one app per hub, counted at the app (reads, writes), seeded and watched outside the operator.</summary>
internal interface IScaleApp : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The BusinessHub spec of hub <paramref name="hub"/> (credentials in the Secret <c>app-token</c>).</summary>
    JsonObject HubSpec(int hub);

    Task<(long Reads, long Writes)> CallsAsync();

    Task<int> MembersAsync(int hub);

    Task<bool> HasAsync(int hub, string email);

    /// <summary>Puts these people in the app as members with the Editor role, without the operator.</summary>
    Task SeedAsync(int hub, IReadOnlyList<string> emails);
}

/// <summary>Meta Business: a <see cref="MetaFleet"/> business per hub; new people are invited (inviteRequired), with their role.</summary>
internal sealed class MetaScaleApp(MetaFleet fleet) : IScaleApp
{
    public string Name => "Meta";

    public JsonObject HubSpec(int hub) => JsonNode.Parse($$"""
        { "connector": { "type": "meta", "baseUrl": "{{fleet.BaseUrl(hub)}}", "businessId": "{{fleet.Businesses[hub].Business.Id}}", "inviteRequired": true,
                         "credentialsSecretRef": { "name": "app-token" } },
          "roles": [ { "name": "Admin", "nativeRole": "ADMIN" }, { "name": "Editor", "nativeRole": "EMPLOYEE" } ] }
        """)!.AsObject();

    public Task<(long Reads, long Writes)> CallsAsync() => Task.FromResult((fleet.Reads, fleet.Writes));

    public Task<int> MembersAsync(int hub) => Task.FromResult(fleet.Members(hub));

    public Task<bool> HasAsync(int hub, string email) => Task.FromResult(fleet.Has(hub, email));

    public Task SeedAsync(int hub, IReadOnlyList<string> emails)
    {
        foreach (var email in emails)
        {
            fleet.Businesses[hub].Business.SeedUser(email, "EMPLOYEE");
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => fleet.DisposeAsync();
}

/// <summary>
/// The real scimmy app (tests/scim-app) under node, one store, so one hub. Counts come from its /admin/requests
/// (every /scim/v2 request; writes are the non-GET ones); it is watched and seeded through /admin, which it does not count.
/// </summary>
internal sealed class ScimScaleApp(ScimAppServer server) : IScaleApp
{
    private readonly HttpClient _admin = new() { BaseAddress = new Uri(server.BaseUrl + "/admin/"), Timeout = TimeSpan.FromSeconds(60) };

    public string Name => "SCIM";

    /// <summary>The app's SCIM base URL (without a trailing "/").</summary>
    public string ScimUrl => server.ScimUrl;

    /// <summary>The app's /admin switches (not counted as SCIM requests).</summary>
    public string AdminUrl => server.BaseUrl + "/admin/";

    public JsonObject HubSpec(int hub) => JsonNode.Parse($$"""
        { "connector": { "type": "scim", "baseUrl": "{{server.ScimUrl}}", "credentialsSecretRef": { "name": "app-token" } },
          "roles": [ { "name": "Admin", "nativeRole": "admin" }, { "name": "Editor", "nativeRole": "editor" } ] }
        """)!.AsObject();

    public async Task<(long Reads, long Writes)> CallsAsync()
    {
        var counts = await _admin.GetFromJsonAsync<JsonObject>("requests");
        var (total, writes) = (counts!["total"]!.GetValue<long>(), counts["writes"]!.GetValue<long>());
        return (total - writes, writes);
    }

    public async Task<int> MembersAsync(int hub) => (await _admin.GetFromJsonAsync<JsonObject>("count"))!["users"]!.GetValue<int>();

    public async Task<bool> HasAsync(int hub, string email)
    {
        using var response = await _admin.GetAsync("users/" + Uri.EscapeDataString(email));
        return response.IsSuccessStatusCode;
    }

    public async Task SeedAsync(int hub, IReadOnlyList<string> emails)
    {
        foreach (var chunk in emails.Chunk(5_000))
        {
            var users = new JsonArray([.. chunk.Select(e => (JsonNode)new JsonObject
            {
                ["userName"] = e,
                ["emails"] = new JsonArray(new JsonObject { ["value"] = e, ["primary"] = true }),
                ["roles"] = new JsonArray(new JsonObject { ["value"] = "editor", ["primary"] = true }),
            })]);
            using var response = await _admin.PostAsJsonAsync("seed", new JsonObject { ["users"] = users });
            response.EnsureSuccessStatusCode();
        }
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        server.Dispose();
        return ValueTask.CompletedTask;
    }
}
