using System.Net;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>Lists as Okta's import and Entra's matching queries read them: filters, attributes, 1-based paging, discovery.</summary>
public sealed class ScimQueryTests
{
    [Fact]
    public async Task Filters_Okta_and_Entra_use_match_exactly_the_right_resources()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var alice = await host.CreateUserAsync(EntraCreateUser("alice@example.com", "oid-alice", "Marketing"));
        var bob = await host.CreateUserAsync(EntraCreateUser("bob@example.com", "oid-bob", "Growth"));
        await host.PatchAsync($"Users/{bob}", EntraLegacySetActive("False"));

        async Task<string[]> Ids(string filter) =>
            [.. (await host.GetAsync("Users?filter=" + Uri.EscapeDataString(filter))).Body!["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>())];

        Assert.Equal([alice], await Ids("userName eq \"ALICE@example.com\""));
        Assert.Equal([bob], await Ids("externalId eq \"oid-bob\""));
        Assert.Empty(await Ids("externalId eq \"OID-BOB\"")); // externalId is caseExact
        Assert.Equal([alice], await Ids($"id eq \"{alice}\""));
        Assert.Equal([bob], await Ids("active eq false"));
        Assert.Equal([alice, bob], await Ids("emails[type eq \"work\" and value ew \"@example.com\"]"));
        Assert.Equal([bob], await Ids($"{Enterprise}:department eq \"Growth\""));
        Assert.Equal([alice], await Ids("name.givenName sw \"ali\" or userName eq \"nobody\""));
        Assert.Equal([bob], await Ids("not (userName co \"alice\") and title pr or externalId eq \"oid-bob\""));
        Assert.Equal([alice, bob], await Ids("meta.created gt \"2000-01-01T00:00:00Z\""));
        Assert.Equal([alice], await Ids("userName eq \"a\\u006cice@example.com\""));
    }

    [Fact]
    public async Task Paging_is_1_based_with_totalResults_and_clamped_counts()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await host.CreateUserAsync(OktaCreateUser($"user{i}@example.com", "U", $"{i}", $"00u{i}")));
        }

        var page = (await host.GetAsync("Users?startIndex=2&count=2")).Body!;
        Assert.Equal((5, 2, 2), (page["totalResults"]!.GetValue<int>(), page["startIndex"]!.GetValue<int>(), page["itemsPerPage"]!.GetValue<int>()));
        Assert.Equal(ids[1..3], page["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", page["schemas"]![0]!.GetValue<string>());

        var countOnly = (await host.GetAsync("Users?count=0")).Body!;
        Assert.Equal((5, 0), (countOnly["totalResults"]!.GetValue<int>(), countOnly["Resources"]!.AsArray().Count));
        var fromZero = (await host.GetAsync("Users?startIndex=0&count=100")).Body!;
        Assert.Equal((1, 5), (fromZero["startIndex"]!.GetValue<int>(), fromZero["itemsPerPage"]!.GetValue<int>()));
        var past = (await host.GetAsync("Users?startIndex=6&count=-3")).Body!;
        Assert.Equal((5, 0), (past["totalResults"]!.GetValue<int>(), past["itemsPerPage"]!.GetValue<int>()));

        // Okta's import walks pages until startIndex passes totalResults.
        var seen = new List<string>();
        for (var start = 1; ; start += 2)
        {
            var next = (await host.GetAsync($"Users?startIndex={start}&count=2")).Body!;
            seen.AddRange(next["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
            if (start + 2 > next["totalResults"]!.GetValue<int>())
            {
                break;
            }
        }

        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Attributes_and_excludedAttributes_shape_the_answer()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var alice = await host.CreateUserAsync(EntraCreateUser("alice@example.com", "oid-alice", "Marketing"));
        var group = await host.CreateGroupAsync(EntraCreateGroup("Editors", "oid-editors"));
        await host.PatchAsync($"Groups/{group}", EntraAddMembers(alice));

        var only = (await host.GetAsync($"Users/{alice}?attributes=userName,name.givenName,{Enterprise}:department")).Body!.AsObject();
        Assert.Equal(new[] { "id", "schemas", "userName", "name", Enterprise }.Order(StringComparer.Ordinal), only.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal("alice", only["name"]!["givenName"]!.GetValue<string>());
        Assert.Null(only["name"]!["familyName"]);

        var withMembers = (await host.GetAsync($"Groups/{group}")).Body!;
        Assert.Equal(alice, withMembers["members"]![0]!["value"]!.GetValue<string>());
        Assert.EndsWith($"/Users/{alice}", withMembers["members"]![0]!["$ref"]!.GetValue<string>(), StringComparison.Ordinal);
        var without = (await host.GetAsync($"Groups/{group}?excludedAttributes=members")).Body!;
        Assert.Null(without["members"]);
        Assert.Equal("Editors", without["displayName"]!.GetValue<string>());
        Assert.Equal("oid-editors", without["externalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_documents_describe_the_endpoint()
    {
        await using var host = await ScimEndpointHost.StartAsync();

        var config = await host.GetAsync("ServiceProviderConfig");
        Assert.Equal((HttpStatusCode.OK, "application/scim+json"), (config.Status, config.MediaType));
        Assert.True(config.Body!["patch"]!["supported"]!.GetValue<bool>());
        Assert.Equal(200, config.Body["filter"]!["maxResults"]!.GetValue<int>());
        Assert.Equal("oauthbearertoken", config.Body["authenticationSchemes"]![0]!["type"]!.GetValue<string>());

        var types = (await host.GetAsync("ResourceTypes")).Body!;
        Assert.Equal(["User", "Group"], types["Resources"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal("/Users", (await host.GetAsync("ResourceTypes/User")).Body!["endpoint"]!.GetValue<string>());

        var schemas = (await host.GetAsync("Schemas")).Body!;
        Assert.Equal(3, schemas["totalResults"]!.GetValue<int>());
        Assert.Equal("EnterpriseUser", (await host.GetAsync($"Schemas/{Enterprise}")).Body!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_with_the_current_ETag_is_304_and_application_json_bodies_are_accepted()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var created = await host.SendAsync(HttpMethod.Post, "Users", OktaCreateUser("alice@example.com", "A", "D", "00u1"), mediaType: "application/json");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Users/{created.Id}");
        request.Headers.Authorization = new("Bearer", ScimEndpointHost.Token);
        request.Headers.TryAddWithoutValidation("If-None-Match", created.ETag);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }
}
