using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>The Graph emulator's wire shapes, read with a plain HttpClient: what the reference note documents.</summary>
public sealed class GraphEmulatorWireTests
{
    [Fact]
    public async Task Token_endpoint_issues_bearer_tokens_and_refuses_a_wrong_secret_with_an_aadsts_error()
    {
        await using var entra = await EntraFixture.StartAsync();
        using var http = new HttpClient();
        var endpoint = new Uri(entra.Emulator.AuthorityHost, $"{entra.Emulator.TenantId}/oauth2/v2.0/token");

        using var good = await http.PostAsync(endpoint, Form(entra.Emulator.ClientSecret));
        var token = await good.Content.ReadFromJsonAsync<JsonObject>();
        using var bad = await http.PostAsync(endpoint, Form("nope"));
        var refusal = await bad.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("Bearer", (string?)token!["token_type"]);
        Assert.Equal(3599, (int)token["expires_in"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("invalid_client", (string?)refusal!["error"]);
        Assert.StartsWith("AADSTS7000215", (string?)refusal["error_description"], StringComparison.Ordinal);

        FormUrlEncodedContent Form(string secret) => new(new Dictionary<string, string>
        {
            ["client_id"] = entra.Emulator.ClientId,
            ["client_secret"] = secret,
            ["scope"] = "https://graph.microsoft.com/.default",
            ["grant_type"] = "client_credentials",
        });
    }

    [Fact]
    public async Task Delta_rounds_report_members_and_removals_under_every_spelling_and_expired_tokens_are_gone()
    {
        await using var entra = await EntraFixture.StartAsync();
        var group = entra.Tenant.CreateGroup("Social Editors");
        var alice = entra.Tenant.CreateUser("alice@example.com");
        var bob = entra.Tenant.CreateUser("bob@example.com");
        entra.Tenant.AddMember(group, alice);
        entra.Tenant.AddMember(group, bob);
        using var http = await AuthorizedAsync(entra);
        var root = entra.Emulator.GraphBaseUrl.AbsoluteUri;

        var initial = await GetAsync(http, $"{root}/groups/delta()?$select=displayName,members");
        var entry = Assert.Single(initial["value"]!.AsArray())!;
        Assert.Equal([alice, bob], entry["members@delta"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.Equal("#microsoft.graph.user", (string?)entry["members@delta"]![0]!["@odata.type"]);
        var deltaLink = (string)initial["@odata.deltaLink"]!;
        Assert.Null(initial["@odata.nextLink"]);

        entra.Tenant.RemoveMember(group, bob);
        entra.Tenant.DeleteUser(alice);
        var groups = await GetAsync(http, deltaLink);
        var members = Assert.Single(groups["value"]!.AsArray())!["members@delta"]!.AsArray();
        Assert.All(members, m => Assert.Equal("deleted", (string?)m!["@removed"]!["reason"]));
        Assert.Equal("Social Editors", (string?)groups["value"]![0]!["displayName"]);

        var users = await GetAsync(http, $"{root}/users/microsoft.graph.delta()?$select=accountEnabled&$deltatoken=latest");
        Assert.Empty(users["value"]!.AsArray());
        entra.Tenant.Disable(bob);
        var changed = await GetAsync(http, (string)users["@odata.deltaLink"]!);
        var disabled = Assert.Single(changed["value"]!.AsArray())!;
        Assert.False((bool)disabled["accountEnabled"]!); // the first request's $select holds for the whole delta chain
        Assert.Null(disabled["displayName"]);

        entra.Emulator.Delta.ExpireTokens();
        using var gone = await http.GetAsync((string)changed["@odata.deltaLink"]!);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("syncStateNotFound", (string?)(await gone.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]);
        Assert.EndsWith("$deltatoken=", gone.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_page_with_distinct_absolute_next_links_and_errors_have_the_odata_shape()
    {
        await using var entra = await EntraFixture.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            entra.Tenant.CreateUser($"user{i}@example.com");
        }

        using var http = await AuthorizedAsync(entra);
        var links = new List<string>();
        var seen = 0;
        for (string? next = $"{entra.Emulator.GraphBaseUrl.AbsoluteUri}/users?$top=2&$select=id,accountEnabled"; next is not null;)
        {
            var page = await GetAsync(http, next);
            seen += page["value"]!.AsArray().Count;
            Assert.All(page["value"]!.AsArray(), u => Assert.Equal(["id", "accountEnabled"], u!.AsObject().Select(p => p.Key)));
            next = (string?)page["@odata.nextLink"];
            if (next is not null)
            {
                Assert.StartsWith(entra.Emulator.GraphBaseUrl.AbsoluteUri, next, StringComparison.Ordinal);
                links.Add(next);
            }
        }

        Assert.Equal(5, seen);
        Assert.Equal(links.Count, links.Distinct().Count());
        using var missing = await http.GetAsync($"{entra.Emulator.GraphBaseUrl.AbsoluteUri}/groups/{Guid.NewGuid()}");
        var error = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Request_ResourceNotFound", (string?)error["code"]);
        Assert.NotNull(error["innerError"]!["request-id"]);

        var group = entra.Tenant.CreateGroup("Everyone");
        entra.Tenant.AddMember(group, entra.Tenant.CreateUser("member@example.com"));
        var count = $"{entra.Emulator.GraphBaseUrl.AbsoluteUri}/groups/{group}/members/$count";
        using (var plain = await http.GetAsync(count))
        {
            Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode); // an advanced query
        }

        using (var eventual = new HttpRequestMessage(HttpMethod.Get, count))
        {
            eventual.Headers.Add("ConsistencyLevel", "eventual");
            using var counted = await http.SendAsync(eventual);
            Assert.Equal("1", await counted.Content.ReadAsStringAsync());
        }

        entra.Emulator.Faults.Throttle(times: 1, retryAfter: TimeSpan.FromSeconds(3));
        using var throttled = await http.GetAsync($"{entra.Emulator.GraphBaseUrl.AbsoluteUri}/users");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter!.Delta);
        Assert.True(throttled.Headers.Contains("x-ms-throttle-scope"));
    }

    private static async Task<HttpClient> AuthorizedAsync(EntraFixture entra)
    {
        var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = entra.Emulator.ClientId,
            ["client_secret"] = entra.Emulator.ClientSecret,
            ["scope"] = "https://graph.microsoft.com/.default",
            ["grant_type"] = "client_credentials",
        });
        using var response = await http.PostAsync(new Uri(entra.Emulator.AuthorityHost, $"{entra.Emulator.TenantId}/oauth2/v2.0/token"), form);
        var token = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(), documentOptions: new JsonDocumentOptions())!.AsObject();
    }
}
