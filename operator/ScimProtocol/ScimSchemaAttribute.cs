using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// One attribute definition of a served schema (RFC 7643 §7), with every characteristic spelled out: name, type,
/// multiValued, description, required, caseExact, mutability, returned, uniqueness, and subAttributes (complex),
/// referenceTypes (reference) or canonicalValues where they apply.
/// </summary>
internal sealed record ScimSchemaAttribute(
    string Name,
    string Description,
    string Type = "string",
    bool MultiValued = false,
    bool Required = false,
    bool CaseExact = false,
    string Mutability = "readWrite",
    string Returned = "default",
    string Uniqueness = "none",
    IReadOnlyList<ScimSchemaAttribute>? SubAttributes = null,
    IReadOnlyList<string>? ReferenceTypes = null,
    IReadOnlyList<string>? CanonicalValues = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["name"] = Name,
            ["type"] = Type,
            ["multiValued"] = MultiValued,
            ["description"] = Description,
            ["required"] = Required,
            ["caseExact"] = CaseExact,
            ["mutability"] = Mutability,
            ["returned"] = Returned,
            ["uniqueness"] = Uniqueness,
        };
        if (CanonicalValues is { Count: > 0 })
        {
            json["canonicalValues"] = new JsonArray([.. CanonicalValues.Select(v => (JsonNode)v)]);
        }

        if (ReferenceTypes is { Count: > 0 })
        {
            json["referenceTypes"] = new JsonArray([.. ReferenceTypes.Select(v => (JsonNode)v)]);
        }

        if (SubAttributes is { Count: > 0 })
        {
            json["subAttributes"] = new JsonArray([.. SubAttributes.Select(a => (JsonNode)a.ToJson())]);
        }

        return json;
    }

    /// <summary>A complex attribute with its sub-attributes.</summary>
    public static ScimSchemaAttribute Complex(string name, string description, bool multiValued, string mutability = "readWrite", params ScimSchemaAttribute[] subAttributes) =>
        new(name, description, "complex", multiValued, Mutability: mutability, SubAttributes: subAttributes);

    /// <summary>
    /// A multi-valued attribute with RFC 7643 §2.4's sub-attributes (value, display, type, primary), e.g. emails.
    /// <paramref name="types"/> are the canonical values of "type".
    /// </summary>
    public static ScimSchemaAttribute MultiValuedList(string name, string description, string valueDescription, string valueType = "string", params string[] types) =>
        Complex(name, description, multiValued: true, subAttributes:
        [
            new("value", valueDescription, valueType),
            new("display", "A human-readable name, primarily used for display purposes.", Mutability: "readWrite"),
            new("type", "A label indicating the attribute's function.", CanonicalValues: types),
            new("primary", "Whether this value is the preferred one (at most one value is primary).", "boolean"),
        ]);
}
