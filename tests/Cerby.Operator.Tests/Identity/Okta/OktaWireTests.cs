using System.Net;
using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>Link headers, status mapping and error bodies, without a server.</summary>
public sealed class OktaWireTests
{
    private static readonly Uri Org = new("https://acme.okta.com");

    [Fact]
    public void Next_link_is_found_among_separate_or_comma_joined_link_headers()
    {
        using var separate = new HttpResponseMessage();
        separate.Headers.TryAddWithoutValidation("Link", "<https://acme.okta.com/api/v1/users?limit=200>; rel=\"self\"");
        separate.Headers.TryAddWithoutValidation("Link", "<https://acme.okta.com/api/v1/users?after=00u2&limit=200>; rel=\"next\"");
        using var joined = new HttpResponseMessage();
        joined.Headers.TryAddWithoutValidation("Link", "<https://acme.okta.com/api/v1/users?a=1,2>; rel=\"self\", <https://acme.okta.com/api/v1/users?after=00u2&limit=200>; rel=\"next\"");
        using var last = new HttpResponseMessage();
        last.Headers.TryAddWithoutValidation("Link", "<https://acme.okta.com/api/v1/users?limit=200>; rel=\"self\"");

        Assert.Equal("https://acme.okta.com/api/v1/users?after=00u2&limit=200", OktaLinkHeader.Next(separate, Org)!.AbsoluteUri);
        Assert.Equal("https://acme.okta.com/api/v1/users?after=00u2&limit=200", OktaLinkHeader.Next(joined, Org)!.AbsoluteUri);
        Assert.Null(OktaLinkHeader.Next(last, Org));
    }

    [Fact]
    public void Next_link_to_another_origin_is_refused_so_credentials_never_leave_the_org()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", "<https://evil.example.com/api/v1/users?after=x>; rel=\"next\"");

        Assert.Throws<OktaApiException>(() => OktaLinkHeader.Next(response, Org));
    }

    [Theory]
    [InlineData("ACTIVE", UserLifecycle.Active)]
    [InlineData("PROVISIONED", UserLifecycle.Active)]
    [InlineData("RECOVERY", UserLifecycle.Active)]
    [InlineData("LOCKED_OUT", UserLifecycle.Active)]
    [InlineData("PASSWORD_EXPIRED", UserLifecycle.Active)]
    [InlineData("STAGED", UserLifecycle.Staged)]
    [InlineData("SUSPENDED", UserLifecycle.Suspended)]
    [InlineData("DEPROVISIONED", UserLifecycle.Deactivated)]
    [InlineData("SOMETHING_NEW", UserLifecycle.Suspended)]
    public void Okta_statuses_map_to_the_planner_lifecycle(string status, UserLifecycle lifecycle) =>
        Assert.Equal(lifecycle, OktaUserMapping.Lifecycle(status));

    [Fact]
    public async Task Error_body_gives_code_summary_causes_and_id()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"errorCode":"E0000007","errorSummary":"Not found: Resource not found: 00gX (UserGroup)","errorLink":"E0000007","errorId":"oae123","errorCauses":[{"errorSummary":"gone"}]}"""),
        };

        var error = await OktaErrorBody.ToExceptionAsync(response, "GET /api/v1/groups/00gX", CancellationToken.None);

        Assert.True(error.IsNotFound);
        Assert.Equal("E0000007", error.ErrorCode);
        Assert.Equal("oae123", error.ErrorId);
        Assert.Equal("Okta answered 404 E0000007 to GET /api/v1/groups/00gX: Not found: Resource not found: 00gX (UserGroup) (gone)", error.Message);
    }

    [Fact]
    public void Credentials_come_from_the_secret_key_the_auth_mode_names_and_never_print_their_value()
    {
        var data = new Dictionary<string, byte[]> { ["apiToken"] = "00Qsecret-token-value\n"u8.ToArray(), ["privateKey"] = "-----BEGIN PRIVATE KEY-----"u8.ToArray() };

        var token = Assert.IsType<OktaApiToken>(OktaCredentials.FromSecret(new OktaSettings { OrgUrl = "https://acme.okta.com" }, data));
        var key = Assert.IsType<OktaPrivateKey>(OktaCredentials.FromSecret(new OktaSettings { OrgUrl = "https://acme.okta.com", AuthMode = OktaAuthMode.PrivateKeyJwt, ClientId = "0oaservice" }, data));
        var missing = Assert.Throws<ArgumentException>(() => OktaCredentials.FromSecret(new OktaSettings { OrgUrl = "https://acme.okta.com" }, new Dictionary<string, byte[]>()));

        Assert.Equal("00Qsecret-token-value", token.Token);
        Assert.Equal("0oaservice", key.ClientId);
        Assert.Contains("\"apiToken\"", missing.Message);
        Assert.DoesNotContain("secret-token-value", token.ToString());
        Assert.DoesNotContain("PRIVATE KEY", key.ToString());
    }

    [Fact]
    public void Users_read_from_okta_share_one_string_per_profile_attribute_name_and_keep_their_values()
    {
        const string page = """
            [{"id":"00u1","status":"ACTIVE","profile":{"login":"ann@acme.test","email":"ann@acme.test","firstName":"Ann","costCenter":"42"}},
             {"id":"00u2","status":"ACTIVE","profile":{"login":"bob","email":"bob@acme.test","firstName":"Bob","costCenter":"7"}}]
            """;
        var users = System.Text.Json.JsonSerializer.Deserialize<List<OktaUser>>(page, OktaJson.Options)!.Select(OktaUserMapping.ToIdpUser).ToList();

        Assert.Same(users[0].Profile.Keys.Single(k => k == "costCenter"), users[1].Profile.Keys.Single(k => k == "costCenter"));
        Assert.Same(users[0].Profile["email"], users[0].Profile["login"]);
        Assert.Equal(("bob", "bob@acme.test", "Bob", "7"), (users[1].Profile["login"], users[1].Profile["email"], users[1].Profile["firstName"], users[1].Profile["costCenter"]));
    }
}
