using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Tests.ScimProtocol;

/// <summary>PatchOp requests (RFC 7644 §3.5.2) as Okta, Entra and the SCIM connector send them, applied to a resource.</summary>
public sealed class ScimPatchTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Theory]
    [InlineData("""{"op":"replace","path":"title","value":"Director"}""", "title", "\"Director\"")]
    [InlineData("""{"op":"Replace","path":"active","value":"False"}""", "active", "false")]
    [InlineData("""{"op":"remove","path":"title"}""", "title", null)]
    [InlineData("""{"op":"replace","path":"name.givenName","value":"Kari"}""", "name", """{"givenName":"Kari","familyName":"Nordmann"}""")]
    [InlineData("""{"op":"replace","value":{"name.familyName":"Hansen","displayName":"Ola H"}}""", "name", """{"givenName":"Ola","familyName":"Hansen"}""")]
    [InlineData("""{"op":"replace","path":"emails[type eq \"work\"].value","value":"ola@new.example"}""", "emails", """[{"value":"ola@new.example","type":"work"}]""")]
    [InlineData("""{"op":"add","path":"emails[type eq \"home\"].value","value":"ola@home.example"}""", "emails", """[{"value":"ola@example.com","type":"work"},{"type":"home","value":"ola@home.example"}]""")]
    [InlineData("""{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Video"}""", Enterprise, """{"department":"Video"}""")]
    [InlineData("""{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:title","value":"Director"}""", "title", "\"Director\"")]
    [InlineData("""{"op":"add","path":"roles","value":[{"value":"viewer","primary":true}]}""", "roles", """[{"value":"viewer","primary":true}]""")]
    public void Applies_one_operation_to_a_user(string operation, string attribute, string? expected)
    {
        var user = User();

        ScimPatch.Apply(user, Request(operation));

        var actual = ScimJsonAttributes.Get(user, attribute);
        Assert.True(JsonNode.DeepEquals(expected is null ? null : JsonNode.Parse(expected), actual), actual?.ToJsonString() ?? "absent");
    }

    [Theory]
    [InlineData("""{"op":"add","path":"members","value":[{"value":"u3"}]}""", "u1,u2,u3")]
    [InlineData("""{"op":"add","path":"members","value":[{"value":"u1"}]}""", "u1,u2")]
    [InlineData("""{"op":"remove","path":"members[value eq \"u1\"]"}""", "u2")]
    [InlineData("""{"op":"remove","path":"members[value eq \"gone\"]"}""", "u1,u2")]
    [InlineData("""{"op":"Remove","path":"members","value":[{"value":"u2"}]}""", "u1")]
    [InlineData("""{"op":"remove","path":"members"}""", "")]
    [InlineData("""{"op":"replace","path":"members","value":[{"value":"u9"}]}""", "u9")]
    public void Changes_group_membership(string operation, string expectedMembers)
    {
        var group = new JsonObject { ["displayName"] = "Sales", ["members"] = new JsonArray(new JsonObject { ["value"] = "u1" }, new JsonObject { ["value"] = "u2" }) };

        ScimPatch.Apply(group, Request(operation));

        var members = (ScimJsonAttributes.Get(group, "members") as JsonArray ?? []).Select(m => m!["value"]!.GetValue<string>());
        Assert.Equal(expectedMembers, string.Join(",", members));
    }

    [Theory]
    [InlineData("""{"op":"replace","path":"id","value":"other"}""", "mutability")]
    [InlineData("""{"op":"replace","path":"meta.version","value":"x"}""", "mutability")]
    [InlineData("""{"op":"remove"}""", "noTarget")]
    [InlineData("""{"op":"move","path":"title"}""", "invalidSyntax")]
    [InlineData("""{"op":"replace","path":"emails[type eq]","value":"x"}""", "invalidPath")]
    [InlineData("""{"op":"replace","path":"title[value eq \"x\"]","value":"x"}""", "invalidPath")]
    [InlineData("""{"op":"replace","path":"emails[type eq \"home\"]","value":"not an object"}""", "noTarget")]
    [InlineData("""{"op":"replace","path":"active","value":"maybe"}""", "invalidValue")]
    public void Refuses_what_cannot_be_applied_with_the_RFC_scimType(string operation, string scimType)
    {
        var error = Assert.Throws<ScimException>(() => ScimPatch.Apply(User(), Request(operation)));

        Assert.Equal((400, scimType), (error.Status, error.ScimType));
    }

    /// <summary>What the SCIM connector sends is what a server applies: requests built with <see cref="ScimPatchOperation"/> round-trip.</summary>
    [Theory]
    [InlineData("o\"dd")]
    [InlineData("back\\slash")]
    [InlineData("bulkId:user")]
    public void A_member_removal_built_by_a_client_removes_exactly_that_member(string memberId)
    {
        var group = new JsonObject { ["displayName"] = "admins", ["members"] = new JsonArray(new JsonObject { ["value"] = memberId }, new JsonObject { ["value"] = "keep" }) };

        ScimPatch.Apply(group, ScimPatchOperation.Request([ScimPatchOperation.Remove(ScimFilterText.ValuePath("members", "value", memberId))]));

        Assert.Equal(["keep"], group["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));
    }

    private static JsonObject Request(string operation) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.PatchOp),
        ["Operations"] = new JsonArray(JsonNode.Parse(operation)),
    };

    private static JsonObject User() => JsonNode.Parse("""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "id": "2819c223",
          "userName": "ola@example.com",
          "title": "Producer",
          "active": true,
          "name": { "givenName": "Ola", "familyName": "Nordmann" },
          "emails": [{ "value": "ola@example.com", "type": "work" }]
        }
        """)!.AsObject();
}
