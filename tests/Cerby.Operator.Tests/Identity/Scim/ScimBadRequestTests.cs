using System.Net;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>Every refused request gets an RFC 7644 error body: status as a string, scimType where the RFC defines one.</summary>
public sealed class ScimBadRequestTests
{
    [Fact]
    public async Task Missing_or_wrong_bearer_token_is_401()
    {
        await using var host = await ScimEndpointHost.StartAsync();

        (await host.SendAsync(HttpMethod.Get, "Users", token: "")).AssertError(HttpStatusCode.Unauthorized, null);
        (await host.SendAsync(HttpMethod.Get, "Users", token: "not-the-token")).AssertError(HttpStatusCode.Unauthorized, null);
        (await host.SendAsync(HttpMethod.Post, "Users", OktaCreateUser("a@example.com", "A", "B", "x"), token: ScimEndpointHost.Token + "x"))
            .AssertError(HttpStatusCode.Unauthorized, null);
        Assert.Equal(0, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_IdentityProvider_not_registered_or_unregistered_is_404()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var unknown = await host.SendAsync(HttpMethod.Get, new Uri(host.Root, "idp/default/other/scim/v2/Users").AbsoluteUri);
        unknown.AssertError(HttpStatusCode.NotFound, null);

        Assert.True(host.Registry.Unregister(ScimEndpointHost.IdpKey));
        (await host.GetAsync("Users")).AssertError(HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Bad_filters_are_400_invalidFilter()
    {
        await using var host = await ScimEndpointHost.StartAsync();

        var deep = string.Concat(Enumerable.Repeat("not (", 40)) + "userName eq \"a\"" + new string(')', 40);
        foreach (var filter in new[] { "userName eq", "userName xx \"a\"", "userName eq \"unclosed", "(userName eq \"a\"", "eq \"a\"", "userName eq bare", deep })
        {
            (await host.GetAsync("Users?filter=" + Uri.EscapeDataString(filter))).AssertError(HttpStatusCode.BadRequest, "invalidFilter");
        }
    }

    [Fact]
    public async Task Bad_patch_paths_ops_and_values_are_400_with_their_scimType()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));
        var group = await host.CreateGroupAsync(OktaCreateGroup("Editors"));

        static string Op(string operation) => $$"""{"schemas":["{{PatchOp}}"],"Operations":[{{operation}}]}""";

        (await host.PatchAsync($"Groups/{group}", Op("""{"op":"remove","path":"members[value eq \"x\""}"""))).AssertError(HttpStatusCode.BadRequest, "invalidPath");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"replace","path":"na me","value":"x"}"""))).AssertError(HttpStatusCode.BadRequest, "invalidPath");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"replace","path":"emails[type zz \"work\"].value","value":"x"}"""))).AssertError(HttpStatusCode.BadRequest, "invalidPath");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"replace","path":"name[givenName eq \"Alice\"]","value":{"givenName":"A"}}"""))).AssertError(HttpStatusCode.BadRequest, "invalidPath");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"remove"}"""))).AssertError(HttpStatusCode.BadRequest, "noTarget");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"replace","path":"emails[type sw \"ho\"].value","value":"x"}"""))).AssertError(HttpStatusCode.BadRequest, "noTarget");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"move","path":"active","value":false}"""))).AssertError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"Replace","path":"active","value":"Nope"}"""))).AssertError(HttpStatusCode.BadRequest, "invalidValue");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"replace","value":{"id":"another-id"}}"""))).AssertError(HttpStatusCode.BadRequest, "mutability");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"remove","path":"userName"}"""))).AssertError(HttpStatusCode.BadRequest, "invalidValue");
        (await host.PatchAsync($"Users/{alice}", """{"schemas":["x"]}""")).AssertError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await host.PutAsync($"Users/{alice}", OktaPutUser("another-id", "alice@example.com", "A", "D", "00u1", true))).AssertError(HttpStatusCode.BadRequest, "mutability");
        (await host.PostAsync("Users", "{not json")).AssertError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await host.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"active":true}""")).AssertError(HttpStatusCode.BadRequest, "invalidValue");
        (await host.GetAsync("Users?startIndex=first")).AssertError(HttpStatusCode.BadRequest, "invalidValue");

        // Atomic: an operation list that fails part-way changes nothing.
        var before = await host.GetAsync($"Users/{alice}");
        (await host.PatchAsync($"Users/{alice}", Op("""{"op":"replace","path":"displayName","value":"Changed"},{"op":"remove"}"""))).AssertError(HttpStatusCode.BadRequest, "noTarget");
        var after = await host.GetAsync($"Users/{alice}");
        Assert.Equal(before.Text, after.Text);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var huge = OktaCreateUser("alice@example.com", "Alice", new string('x', (1 << 20) + 10), "00u1");

        (await host.PostAsync("Users", huge)).AssertError(HttpStatusCode.RequestEntityTooLarge, null);
        Assert.Equal(0, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Oversized_chunked_body_without_length_is_413()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "Users")
        {
            Content = new StreamContent(new MemoryStream(new byte[(1 << 20) + 4096])),
        };
        request.Headers.Authorization = new("Bearer", ScimEndpointHost.Token);
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request);

        var reply = new ScimReply(response.StatusCode, System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync()), "", response.Content.Headers.ContentType?.MediaType, null, null);
        reply.AssertError(HttpStatusCode.RequestEntityTooLarge, null);
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        await using var host = await ScimEndpointHost.StartAsync();

        (await host.GetAsync("Users/no-such-user")).AssertError(HttpStatusCode.NotFound, null);
        (await host.PatchAsync("Users/no-such-user", OktaSetActive(false))).AssertError(HttpStatusCode.NotFound, null);
        (await host.PutAsync("Groups/no-such-group", OktaCreateGroup("X"))).AssertError(HttpStatusCode.NotFound, null);
        (await host.DeleteAsync("Groups/no-such-group")).AssertError(HttpStatusCode.NotFound, null);
        (await host.GetAsync("Bulk")).AssertError(HttpStatusCode.NotFound, null);
        (await host.SendAsync(HttpMethod.Post, "ServiceProviderConfig", "{}")).AssertError(HttpStatusCode.MethodNotAllowed, null);
    }

    [Fact]
    public async Task Duplicate_userName_or_group_displayName_is_409_uniqueness()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));
        var bob = await host.CreateUserAsync(OktaCreateUser("bob@example.com", "Bob", "Roe", "00u2"));
        await host.CreateGroupAsync(OktaCreateGroup("Editors"));
        var admins = await host.CreateGroupAsync(OktaCreateGroup("Admins"));

        (await host.PostAsync("Users", OktaCreateUser("Alice@Example.com", "Alice", "Doe", "00u3"))).AssertError(HttpStatusCode.Conflict, "uniqueness");
        (await host.PutAsync($"Users/{bob}", OktaPutUser(bob, "alice@example.com", "Bob", "Roe", "00u2", true))).AssertError(HttpStatusCode.Conflict, "uniqueness");
        (await host.PostAsync("Groups", OktaCreateGroup("Editors"))).AssertError(HttpStatusCode.Conflict, "uniqueness");
        (await host.PatchAsync($"Groups/{admins}", OktaRenameGroup(admins, "editors"))).AssertError(HttpStatusCode.Conflict, "uniqueness");

        // After a DELETE the name is free again; the deleted user stays a tombstone under its own id.
        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"Users/{alice}")).Status);
        Assert.NotEqual(alice, await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1")));
    }

    [Fact]
    public async Task Stale_If_Match_is_412()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var created = await host.PostAsync("Users", OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));
        await host.PatchAsync($"Users/{created.Id}", OktaSetActive(false));
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"Users/{created.Id}");
        request.Headers.Authorization = new("Bearer", ScimEndpointHost.Token);
        request.Headers.TryAddWithoutValidation("If-Match", created.ETag);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"Users/{created.Id}")).Status);
    }
}
