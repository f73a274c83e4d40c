using System.Text.Json.Nodes;
using Cerby.Operator.Connectors.Scim;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>
/// The connector's two ways to write a user, PATCH (when the app supports it) and PUT of the whole user (when not),
/// leave the app with the same user: the PUT body is built with the same attribute paths the app applies the PATCH with.
/// </summary>
public sealed class ScimEditTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static TheoryData<string, string?> Edits() => new()
    {
        { "title", "Director" },
        { "title", null },
        { "TITLE", "Director" },
        { Enterprise + ":department", "Design" },
        { Enterprise + ":costCenter", "4130" },
        { Enterprise + ":department", null },
        { "urn:ietf:params:scim:schemas:core:2.0:User:title", "Director" },
        { "name.givenName", "Kari" },
        { "name.familyName", null },
        { "nickName", "Ola" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void PUT_of_the_whole_user_equals_what_the_app_makes_of_the_PATCH(string path, string? value)
    {
        var edits = new[] { new ScimEdit(path, value is null ? null : JsonValue.Create(value)), new ScimEdit("active", false) };
        var patched = User();
        ScimPatch.Apply(patched, ScimEdit.PatchOp(edits));

        var put = ScimEdit.Replaced(User(), edits);

        patched.Remove("meta");
        patched.Remove("groups");
        Assert.True(JsonNode.DeepEquals(patched, put), $"PATCH: {patched.ToJsonString()}\nPUT:   {put.ToJsonString()}");
    }

    [Theory]
    [InlineData("title", "Producer")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:title", "Producer")]
    [InlineData(Enterprise + ":department", "Video")]
    [InlineData("name.givenName", "Ola")]
    [InlineData("emails.value", "ola@example.com")]
    [InlineData("not a path", "kept as a plain name")]
    [InlineData("nickName", null)]
    public void A_mapped_attribute_reads_what_the_path_names(string appAttribute, string? expected) =>
        Assert.Equal(expected, ScimMappedAttribute.Parse(appAttribute).Read(User()));

    [Fact]
    public void A_new_user_carries_mapped_attributes_where_the_paths_name_them()
    {
        var change = new AccessChange(AccessChangeKind.Add, "kari@example.com", "kari@example.com", null, "viewer", "granted", NativeRole: "viewer", Attributes: new Dictionary<string, string?>
            {
                ["urn:ietf:params:scim:schemas:core:2.0:User:title"] = "Director",
                ["name.givenName"] = "Kari",
                [Enterprise + ":department"] = "Design",
            });

        var user = ScimNewUser.Body(change, "viewer", ScimRoleMapping.Roles);

        Assert.Equal("Director", user["title"]!.GetValue<string>());
        Assert.Equal("Kari", user["name"]!["givenName"]!.GetValue<string>());
        Assert.Equal("Design", user[Enterprise]!["department"]!.GetValue<string>());
        Assert.Contains(Enterprise, user["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.DoesNotContain(user, p => p.Key.StartsWith("urn:ietf:params:scim:schemas:core", StringComparison.Ordinal));
    }

    private static JsonObject User() => JsonNode.Parse($$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "{{Enterprise}}"],
          "id": "2819c223",
          "userName": "ola@example.com",
          "Title": "Producer",
          "active": true,
          "name": { "givenName": "Ola", "familyName": "Nordmann" },
          "emails": [{ "value": "ola@example.com", "type": "work", "primary": true }],
          "not a path": "kept as a plain name",
          "groups": [{ "value": "g1", "display": "viewer" }],
          "meta": { "version": "W/\"3\"" },
          "{{Enterprise}}": { "department": "Video" }
        }
        """)!.AsObject();
}
