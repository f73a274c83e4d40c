using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Tests.ScimProtocol;

/// <summary>Filters as a server parses and evaluates them (RFC 7644 §3.4.2.2), and filter text as a client builds it.</summary>
public sealed class ScimFilterTests
{
    [Theory]
    [InlineData("userName eq \"OLA@example.com\"", true)]
    [InlineData("USERNAME EQ \"ola@example.com\"", true)]
    [InlineData("externalId eq \"ABC\"", false)]
    [InlineData("externalId eq \"abc\"", true)]
    [InlineData("name.givenName sw \"O\" and active eq true", true)]
    [InlineData("title pr or nickName pr", false)]
    [InlineData("not (title pr)", true)]
    [InlineData("emails[type eq \"work\" and value co \"@example\"]", true)]
    [InlineData("emails[type eq \"home\"]", false)]
    [InlineData("emails co \"ola@\"", true)]
    [InlineData("active eq \"true\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"video\"", true)]
    [InlineData("meta.version gt \"W/\\\"1\\\"\"", false)]
    [InlineData("title eq null", true)]
    [InlineData("userName ne \"x\" and (displayName ew \"Nordmann\" or title eq \"x\")", true)]
    public void Matches_a_user(string filter, bool expected) =>
        Assert.Equal(expected, ScimFilterParser.Parse(filter).Matches(User()));

    [Theory]
    [InlineData("")]
    [InlineData("userName")]
    [InlineData("userName eq")]
    [InlineData("userName eq ola")]
    [InlineData("userName is \"ola\"")]
    [InlineData("userName eq \"ola")]
    [InlineData("(userName eq \"ola\"")]
    [InlineData("\"userName\" eq \"ola\"")]
    public void Refuses_invalid_filters_with_invalidFilter(string filter)
    {
        var error = Assert.Throws<ScimException>(() => ScimFilterParser.Parse(filter));
        Assert.Equal((400, "invalidFilter"), (error.Status, error.ScimType));
    }

    [Fact]
    public void Refuses_a_filter_nested_past_the_limit()
    {
        var deep = string.Concat(Enumerable.Repeat("(", 40)) + "title pr" + string.Concat(Enumerable.Repeat(")", 40));
        Assert.Equal("invalidFilter", Assert.Throws<ScimException>(() => ScimFilterParser.Parse(deep)).ScimType);
    }

    /// <summary>Values the SCIM connector looks users and groups up by: whatever they hold, the server reads back the same value.</summary>
    [Theory]
    [InlineData("ola@example.com")]
    [InlineData("o\"la@example.com")]
    [InlineData("back\\slash@example.com")]
    [InlineData("\\\"")]
    [InlineData("ends with a backslash\\")]
    [InlineData("émile@exemple.fr")]
    [InlineData("Sales & Marketing (EMEA) [old]")]
    [InlineData("")]
    public void Filter_text_a_client_builds_selects_exactly_that_value(string value)
    {
        var filter = ScimFilterParser.Parse(ScimFilterText.Equal("displayName", value));

        Assert.True(filter.Matches(new JsonObject { ["displayName"] = value }));
        Assert.False(filter.Matches(new JsonObject { ["displayName"] = value + "x" }));
        Assert.Equal(("displayName", value), filter.AsEquality() is ({ } attribute, JsonValue v) ? (attribute, v.GetValue<string>()) : default);
    }

    [Theory]
    [InlineData("ola@example.com", "filter=userName%20eq%20%22ola%40example.com%22")]
    [InlineData("a&b=c", "filter=userName%20eq%20%22a%26b%3Dc%22")]
    [InlineData("q\"", "filter=userName%20eq%20%22q%5C%22%22")]
    public void Filter_query_is_url_encoded(string value, string expected) =>
        Assert.Equal(expected, ScimFilterText.Query(ScimFilterText.Equal("userName", value)));

    private static JsonObject User() => JsonNode.Parse("""
        {
          "userName": "ola@example.com",
          "externalId": "abc",
          "displayName": "Ola Nordmann",
          "name": { "givenName": "Ola" },
          "active": true,
          "emails": [{ "value": "ola@example.com", "type": "work" }],
          "meta": { "version": "W/\"1\"" },
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "Video" }
        }
        """)!.AsObject();
}
