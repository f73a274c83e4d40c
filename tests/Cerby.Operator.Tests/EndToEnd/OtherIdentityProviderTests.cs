using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cerby.Emulators.Graph;
using Cerby.Operator.Tests.Identity.Scim;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>The same flows when people come from Entra ID (Microsoft Graph delta) or are pushed to the operator over SCIM.</summary>
public sealed class OtherIdentityProviderTests : EndToEndTest
{
    private const string Ns = "e2e-idps";

    [Fact]
    public async Task Entra_group_membership_and_disabled_accounts_reach_the_app_through_graph_delta_queries()
    {
        await using var graph = await GraphEmulator.StartAsync();
        var tenant = graph.Tenant;
        var engineers = tenant.CreateGroup("Engineers");
        var (vera, walt) = (tenant.CreateUser("vera@acme.test"), tenant.CreateUser("walt@acme.test"));
        tenant.AddMember(engineers, vera);

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns, hubPolicy: "removalGuard: { maxRemovalsPercent: 100 }") + $$"""
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: entra-app, namespace: {{Ns}} }
            data: { clientSecret: {{OperatorSandbox.Base64(graph.ClientSecret)}} }
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: IdentityProvider
            metadata: { name: entra, namespace: {{Ns}} }
            spec:
              type: entra
              entra: { tenantId: "{{graph.TenantId}}", clientId: "{{graph.ClientId}}", graphBaseUrl: "{{graph.GraphBaseUrl.ToString().TrimEnd('/')}}", authorityHost: "{{graph.AuthorityHost.ToString().TrimEnd('/')}}", deltaPollInterval: 1s }
              credentialsSecretRef: { name: entra-app }

            """
            + OperatorSandbox.Binding(Ns, "engineers", "Engineers", idp: "entra")
            + OperatorSandbox.Share(Ns, "engineers", "Editor", team: "engineers"));
        await Sandbox.WaitForSeatsAsync(s => s.GetValueOrDefault("vera@acme.test")?.Role == "editor", "vera provisioned from Entra");

        tenant.AddMember(engineers, walt);
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("walt@acme.test"), "walt provisioned after joining in Entra");
        tenant.Disable(vera);
        await Sandbox.WaitForSeatsAsync(s => !s.ContainsKey("vera@acme.test"), "vera removed once her account is disabled");
        tenant.RemoveMember(engineers, walt);
        await Sandbox.WaitForSeatsAsync(s => s.Count == 0, "walt removed after leaving the group");
        await WaitForEventAsync(Ns, "MemberLeft", "walt@acme.test");
    }

    [Fact]
    public async Task Users_and_groups_pushed_to_the_operators_scim_endpoint_get_and_lose_seats()
    {
        const string token = "pushed-by-okta-group-push";
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + $$"""
            ---
            apiVersion: v1
            kind: Secret
            metadata: { name: scim-push, namespace: {{Ns}} }
            data: { bearerToken: {{OperatorSandbox.Base64(token)}} }
            ---
            apiVersion: access.cerby.io/v1alpha1
            kind: IdentityProvider
            metadata: { name: pushed, namespace: {{Ns}} }
            spec:
              type: scim
              credentialsSecretRef: { name: scim-push }

            """
            + OperatorSandbox.Binding(Ns, "support", "Support", idp: "pushed")
            + OperatorSandbox.Share(Ns, "support", "Viewer", team: "support"));

        // Okta's SCIM client as Group Push drives it: users first, then the group, then its members.
        using var idp = new HttpClient { BaseAddress = new Uri(Sandbox.OperatorUrl, $"/idp/{Ns}/pushed/scim/v2/") };
        idp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Eventually.TrueAsync(async () => (await idp.GetAsync("ServiceProviderConfig")).IsSuccessStatusCode, "the operator serves SCIM for the IdentityProvider");
        var xena = await CreateAsync(idp, "Users", ScimRequests.OktaCreateUser("xena@acme.test", "Xena", "Ray", "00uxena"));
        var yuri = await CreateAsync(idp, "Users", ScimRequests.OktaCreateUser("yuri@acme.test", "Yuri", "Lee", "00uyuri"));
        var group = await CreateAsync(idp, "Groups", ScimRequests.OktaCreateGroup("Support"));
        await SendAsync(idp, HttpMethod.Patch, $"Groups/{group}", ScimRequests.OktaGroupMembers([], [(xena, "xena@acme.test"), (yuri, "yuri@acme.test")]));
        var seats = await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("xena@acme.test") && s.ContainsKey("yuri@acme.test"), "both pushed members provisioned");
        Assert.Equal("viewer", seats["xena@acme.test"].Role);

        await SendAsync(idp, HttpMethod.Patch, $"Groups/{group}", ScimRequests.OktaGroupMembers([yuri], []));
        await Sandbox.WaitForSeatsAsync(s => !s.ContainsKey("yuri@acme.test") && s.ContainsKey("xena@acme.test"), "yuri removed after the push removed him");
        await SendAsync(idp, HttpMethod.Patch, $"Users/{xena}", ScimRequests.OktaSetActive(false));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 0, "xena removed once deactivated by the IdP");

        using var wrong = new HttpClient { BaseAddress = idp.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await wrong.GetAsync("Users")).StatusCode);
    }

    private static async Task<string> CreateAsync(HttpClient idp, string path, string body)
    {
        var created = JsonNode.Parse(await SendAsync(idp, HttpMethod.Post, path, body))!;
        return created["id"]!.GetValue<string>();
    }

    private static async Task<string> SendAsync(HttpClient idp, HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/scim+json") };
        using var response = await idp.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
