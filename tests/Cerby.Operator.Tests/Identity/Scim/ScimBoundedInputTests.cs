using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cerby.Operator.Identity.Scim;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>Hostile or odd input is refused with a SCIM error, never a 500, and one tenant cannot grow without bound.</summary>
public sealed class ScimBoundedInputTests
{
    private static async Task<ScimReply> SendBytesAsync(ScimEndpointHost host, HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ScimEndpointHost.Token);
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ScimReply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text, response.Content.Headers.ContentType?.MediaType, null, null);
    }

    [Fact]
    public async Task Invalid_utf8_is_400_invalidSyntax_not_500()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var valid = Encoding.UTF8.GetBytes(OktaCreateUser("alice@example.com", "Alice", "MARKER", "00u1"));
        var marker = Encoding.UTF8.GetBytes("MARKER");
        var at = valid.AsSpan().IndexOf(marker);
        valid[at] = 0xC3; // a lead byte followed by ASCII: not UTF-8
        valid[at + 1] = 0x28;

        (await SendBytesAsync(host, HttpMethod.Post, "Users", valid)).AssertError(HttpStatusCode.BadRequest, "invalidSyntax");
        Assert.Equal(0, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
        Assert.DoesNotContain(host.Log.Lines, l => l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deeply_nested_json_is_400_invalidSyntax()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var deep = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","x":""" + new string('[', 500) + new string(']', 500) + "}";

        (await host.PostAsync("Users", deep)).AssertError(HttpStatusCode.BadRequest, "invalidSyntax");
    }

    [Fact]
    public async Task Users_groups_and_members_past_the_tenant_limits_are_refused_with_403_and_change_nothing()
    {
        await using var host = await ScimEndpointHost.StartAsync(options: ScimEndpointOptions.Default with { MaxUsers = 2, MaxGroups = 1, MaxGroupMembers = 2 });
        var alice = await host.CreateUserAsync(OktaCreateUser("alice@example.com", "Alice", "Doe", "00u1"));
        var bob = await host.CreateUserAsync(OktaCreateUser("bob@example.com", "Bob", "Doe", "00u2"));

        var third = await host.PostAsync("Users", OktaCreateUser("carol@example.com", "Carol", "Doe", "00u3"));
        third.AssertError(HttpStatusCode.Forbidden, null);
        Assert.Contains("the most one inbound SCIM tenant may hold (2)", third.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var group = await host.CreateGroupAsync(OktaCreateGroup("Editors"));
        (await host.PostAsync("Groups", OktaCreateGroup("Admins"))).AssertError(HttpStatusCode.Forbidden, null);
        Assert.Equal(HttpStatusCode.NoContent, (await host.PatchAsync($"Groups/{group}", OktaGroupMembers([], [(alice, "Alice"), (bob, "Bob")]))).Status);
        (await host.PatchAsync($"Groups/{group}", OktaGroupMembers([], [("someone-else", "X")]))).AssertError(HttpStatusCode.Forbidden, null);

        Assert.Equal(2, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(2, (await host.GetAsync($"Groups/{group}")).Body!["members"]!.AsArray().Count);
    }
}
