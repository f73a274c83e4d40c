using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Tests.ScimProtocol;

/// <summary>Attribute paths as filters, PATCH paths, projections and the SCIM connector's mapped attributes name them (RFC 7644 §3.4.2.2, §3.10).</summary>
public sealed class ScimAttributePathTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Theory]
    [InlineData("userName", null, "userName", null)]
    [InlineData("name.givenName", null, "name", "givenName")]
    [InlineData("emails.value", null, "emails", "value")]
    [InlineData(Enterprise + ":department", Enterprise, "department", null)]
    [InlineData(Enterprise + ":manager.value", Enterprise, "manager", "value")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:title", null, "title", null)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:Group:displayName", null, "displayName", null)]
    [InlineData(Enterprise, Enterprise, null, null)]
    public void Parses_attribute_sub_attribute_and_extension(string text, string? schema, string? attribute, string? sub) =>
        Assert.Equal(new ScimAttributePath(schema, attribute, sub), ScimAttributePath.TryParse(text));

    [Theory]
    [InlineData("")]
    [InlineData("a.b.c")]
    [InlineData("1title")]
    [InlineData("title with space")]
    [InlineData("name.")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User")]
    public void Refuses_what_is_not_an_attribute_path(string text) => Assert.Null(ScimAttributePath.TryParse(text));

    [Theory]
    [InlineData("title", "Producer")]
    [InlineData("TITLE", "Producer")]
    [InlineData("name.givenName", "Ola")]
    [InlineData("Name.GivenName", "Ola")]
    [InlineData(Enterprise + ":department", "Video")]
    [InlineData(Enterprise + ":Department", "Video")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:title", "Producer")]
    [InlineData("emails.value", "ola@example.com")]
    [InlineData("nickName", null)]
    [InlineData("name.familyName", null)]
    [InlineData("active", null)]
    public void Reads_a_string_value_case_insensitively(string text, string? expected) =>
        Assert.Equal(expected, ScimAttributePath.TryParse(text)!.ReadString(User()));

    [Theory]
    [InlineData("title", "Director", """{"title":"Director"}""")]
    [InlineData("name.givenName", "Ola", """{"name":{"givenName":"Ola"}}""")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:title", "Director", """{"title":"Director"}""")]
    [InlineData(Enterprise + ":department", "Video", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Video"}}""")]
    public void Writes_into_a_user_creating_what_holds_the_value(string text, string value, string expectedAdded)
    {
        var user = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = "ola@example.com" };

        ScimAttributePath.TryParse(text)!.Write(user, value);

        var expected = JsonNode.Parse(expectedAdded)!.AsObject();
        expected["userName"] = "ola@example.com";
        expected["schemas"] ??= new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User");
        Assert.True(JsonNode.DeepEquals(expected, user), user.ToJsonString());
    }

    [Theory]
    [InlineData("TITLE")]
    [InlineData(Enterprise + ":DEPARTMENT")]
    [InlineData("name.GIVENNAME")]
    public void Writes_over_the_attribute_in_its_own_spelling_and_removes_with_null(string text)
    {
        var user = User();
        var path = ScimAttributePath.TryParse(text)!;

        path.Write(user, "changed");

        Assert.Equal("changed", path.ReadString(user));
        Assert.DoesNotContain(text[(text.LastIndexOfAny([':', '.']) + 1)..], user.ToJsonString(), StringComparison.Ordinal);
        path.Write(user, null);
        Assert.Null(path.ReadString(user));
    }

    private static JsonObject User() => JsonNode.Parse($$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "{{Enterprise}}"],
          "userName": "ola@example.com",
          "Title": "Producer",
          "name": { "givenName": "Ola" },
          "emails": [{ "value": "ola@example.com", "type": "work" }],
          "active": true,
          "{{Enterprise}}": { "department": "Video" }
        }
        """)!.AsObject();
}
