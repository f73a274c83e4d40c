using System.Net;
using System.Text.Json.Nodes;
using static Cerby.Operator.Tests.Identity.Scim.ScimRequests;

namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>
/// /Schemas as a SCIM validation suite checks it (RFC 7643 §7): every attribute the store keeps is described, each
/// with description, type, multiValued, required, caseExact, mutability, returned and uniqueness (and subAttributes).
/// </summary>
public sealed class ScimSchemasTests
{
    private static readonly string[] Characteristics = ["name", "type", "multiValued", "description", "required", "caseExact", "mutability", "returned", "uniqueness"];

    [Fact]
    public async Task Every_attribute_of_every_schema_has_all_its_characteristics()
    {
        await using var host = await ScimEndpointHost.StartAsync();

        var schemas = (await host.GetAsync("Schemas")).Body!["Resources"]!.AsArray();

        Assert.Equal(3, schemas.Count);
        foreach (var schema in schemas)
        {
            Assert.False(string.IsNullOrWhiteSpace(schema!["description"]?.GetValue<string>()), $"schema {schema["id"]} has a description");
            foreach (var (path, attribute) in Flatten(schema["id"]!.GetValue<string>(), schema["attributes"]!.AsArray()))
            {
                foreach (var characteristic in Characteristics)
                {
                    Assert.True(attribute[characteristic] is not null, $"{path} has {characteristic}");
                }

                Assert.False(string.IsNullOrWhiteSpace(attribute["description"]!.GetValue<string>()), $"{path} has a description");
                Assert.True(attribute["type"]!.GetValue<string>() != "complex" || attribute["subAttributes"] is JsonArray { Count: > 0 }, $"{path} (complex) has subAttributes");
            }
        }
    }

    [Fact]
    public async Task Every_attribute_a_pushed_user_keeps_is_listed_in_its_schema()
    {
        await using var host = await ScimEndpointHost.StartAsync();
        var id = await host.CreateUserAsync($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","{{Enterprise}}"],
             "userName":"ann@example.com","externalId":"00u9","active":true,"displayName":"Ann","nickName":"Annie","title":"Designer",
             "userType":"Employee","preferredLanguage":"en-US","locale":"en-US","timezone":"Europe/Paris","profileUrl":"https://example.com/ann",
             "name":{"givenName":"Ann","familyName":"Lee","formatted":"Ann Lee","honorificPrefix":"Dr."},
             "emails":[{"value":"ann@example.com","type":"work","primary":true}],
             "phoneNumbers":[{"value":"+33 1 23 45 67 89","type":"work"}],
             "addresses":[{"streetAddress":"1 rue X","locality":"Paris","country":"FR","type":"work","primary":true}],
             "ims":[{"value":"ann","type":"skype"}],"photos":[{"value":"https://example.com/ann.png","type":"photo"}],
             "roles":[{"value":"designer"}],"entitlements":[{"value":"figma"}],
             "{{Enterprise}}":{"department":"Brand","employeeNumber":"42","costCenter":"CC1","organization":"Acme","division":"EU","manager":{"value":"00u1"} } }
            """);
        var stored = (await host.GetAsync($"Users/{id}")).Body!.AsObject();
        var schemas = (await host.GetAsync("Schemas")).Body!["Resources"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>(), s => s!["attributes"]!.AsArray());

        var core = Names(schemas["urn:ietf:params:scim:schemas:core:2.0:User"]);
        foreach (var (name, value) in stored.Where(kv => kv.Key is not ("schemas" or "id" or "meta" or Enterprise)))
        {
            Assert.Contains(name, core.Keys);
            foreach (var sub in SubNames(value))
            {
                Assert.Contains(sub, Names(core[name]["subAttributes"]!.AsArray()).Keys);
            }
        }

        var enterprise = Names(schemas[Enterprise]);
        Assert.All(stored[Enterprise]!.AsObject().Select(kv => kv.Key), name => Assert.Contains(name, enterprise.Keys));
    }

    private static Dictionary<string, JsonObject> Names(JsonArray attributes) =>
        attributes.Select(a => a!.AsObject()).ToDictionary(a => a["name"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> SubNames(JsonNode? value) => value switch
    {
        JsonObject obj => obj.Select(kv => kv.Key),
        JsonArray array => array.OfType<JsonObject>().SelectMany(o => o.Select(kv => kv.Key)).Distinct(),
        _ => [],
    };

    private static IEnumerable<(string Path, JsonObject Attribute)> Flatten(string prefix, JsonArray attributes)
    {
        foreach (var attribute in attributes.Select(a => a!.AsObject()))
        {
            var path = $"{prefix}:{attribute["name"]}";
            yield return (path, attribute);
            if (attribute["subAttributes"] is JsonArray subs)
            {
                foreach (var sub in Flatten(path, subs))
                {
                    yield return sub;
                }
            }
        }
    }
}
