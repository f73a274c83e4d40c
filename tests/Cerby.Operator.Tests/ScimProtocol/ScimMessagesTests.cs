using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Tests.ScimProtocol;

/// <summary>The message shapes both sides share: error bodies (RFC 7644 §3.12), ListResponse (§3.4.2), ServiceProviderConfig (RFC 7643 §5) and projections (§3.4.2.5).</summary>
public sealed class ScimMessagesTests
{
    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"userName taken"}""", "uniqueness", "userName taken")]
    [InlineData("""{"status":"404","detail":"not found"}""", null, "not found")]
    [InlineData("""{"Status":"400","ScimType":"invalidFilter","Detail":"bad"}""", "invalidFilter", "bad")]
    [InlineData("""{"scimType":"","detail":""}""", null, null)]
    [InlineData("""["not an error"]""", null, null)]
    [InlineData("null", null, null)]
    public void Reads_an_error_an_app_answered(string body, string? scimType, string? detail) =>
        Assert.Equal(new ScimError(409, scimType, detail), ScimError.Read(409, JsonNode.Parse(body)));

    [Fact]
    public void An_error_a_server_writes_reads_back_the_same()
    {
        var written = new ScimError(400, "invalidPath", "path \"x[\" has an unclosed '['").ToJson();

        Assert.Equal("400", written["status"]!.GetValue<string>());
        Assert.Equal(ScimSchemas.Error, written["schemas"]![0]!.GetValue<string>());
        Assert.Equal(new ScimError(400, "invalidPath", "path \"x[\" has an unclosed '['"), ScimError.Read(400, JsonNode.Parse(written.ToJsonString())));
    }

    [Fact]
    public void A_list_response_a_server_writes_reads_back_page_and_totals()
    {
        var page = ScimListResponse.Create([new JsonObject { ["id"] = "a" }, new JsonObject { ["id"] = "b" }], total: 7, startIndex: 3);
        var read = JsonNode.Parse(page.ToJsonString())!.AsObject();

        Assert.Equal((7, 3, 2), (ScimListResponse.TotalResults(read), ScimListResponse.StartIndex(read), read["itemsPerPage"]!.GetValue<int>()));
        Assert.Equal(["a", "b"], ScimListResponse.Resources(read).Select(r => r["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"totalResults":0}""", 0, null, 0)]
    [InlineData("""{"TotalResults":2,"StartIndex":1,"resources":[{"id":"a"},"junk",{"id":"b"}]}""", 2, 1, 2)]
    [InlineData("""{"totalResults":"2","Resources":{"id":"a"}}""", null, null, 0)]
    public void Reads_list_responses_apps_send(string body, int? total, int? startIndex, int resources)
    {
        var page = JsonNode.Parse(body)!.AsObject();

        Assert.Equal((total, startIndex, resources), (ScimListResponse.TotalResults(page), ScimListResponse.StartIndex(page), ScimListResponse.Resources(page).Count()));
    }

    [Theory]
    [InlineData(true, true, true, 200, false, 0)]
    [InlineData(false, false, true, 0, true, 1000)]
    [InlineData(true, false, false, 50, true, null)]
    public void A_service_provider_config_a_server_writes_reads_back_the_same(bool patch, bool etag, bool filter, int maxResults, bool bulk, int? maxOperations)
    {
        var written = new ScimServiceProviderConfig(patch, etag, filter, maxResults, bulk, maxOperations);

        var read = ScimServiceProviderConfig.Read(JsonNode.Parse(written.ToJson().ToJsonString())!.AsObject());

        Assert.Equal(written with { BulkMaxOperations = maxOperations ?? 0 }, read);
    }

    [Theory]
    [InlineData("""{"patch":{"supported":true},"filter":{"supported":true,"maxResults":1000},"bulk":{"supported":true,"maxOperations":10}}""", true, true, 1000, true, 10)]
    [InlineData("""{"Patch":{"Supported":true},"Filter":{"Supported":"true"},"Bulk":{"Supported":true}}""", true, false, 0, true, null)]
    [InlineData("""{"patch":{},"filter":{"supported":false,"maxResults":"many"},"bulk":{"supported":false,"maxOperations":"10"}}""", false, false, 0, false, null)]
    [InlineData("""{}""", false, false, 0, false, null)]
    public void Reads_service_provider_configs_apps_send(string body, bool patch, bool filter, int maxResults, bool bulk, int? maxOperations)
    {
        var read = ScimServiceProviderConfig.Read(JsonNode.Parse(body)!.AsObject());

        Assert.Equal((patch, filter, maxResults, bulk, maxOperations), (read.Patch, read.Filter, read.FilterMaxResults, read.Bulk, read.BulkMaxOperations));
    }

    [Theory]
    [InlineData("userName", null, """{"id":"1","schemas":["s"],"userName":"ola"}""")]
    [InlineData("name.givenName,emails.value", null, """{"id":"1","schemas":["s"],"name":{"givenName":"Ola"},"emails":[{"value":"ola@example.com"}]}""")]
    [InlineData(null, "members,emails,name.familyName,urn:x:ext:2.0:User", """{"id":"1","schemas":["s"],"userName":"ola","name":{"givenName":"Ola"}}""")]
    [InlineData("urn:x:ext:2.0:User:department", "id", """{"id":"1","schemas":["s"],"urn:x:ext:2.0:User":{"department":"Video"}}""")]
    public void Projects_attributes_and_excluded_attributes(string? attributes, string? excluded, string expected)
    {
        var resource = JsonNode.Parse("""
            {"id":"1","schemas":["s"],"userName":"ola","name":{"givenName":"Ola","familyName":"N"},
             "emails":[{"value":"ola@example.com","type":"work"}],"members":[{"value":"u1"}],"urn:x:ext:2.0:User":{"department":"Video"}}
            """)!.AsObject();

        var projected = ScimProjection.Parse(attributes, excluded).Apply(resource);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), projected), projected.ToJsonString());
    }
}
