using System.Text.Json.Nodes;
using Cerby.Operator.Planning;
using Cerby.Operator.Resources;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>The user resource the operator creates: userName and work email from the change, active, the managed marker, the role and mapped attributes.</summary>
internal static class ScimNewUser
{
    /// <summary>The POST /Users body.</summary>
    public static JsonObject Body(AccessChange change, string role, ScimRoleMapping mapping)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User),
            ["userName"] = change.Email,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = change.Email, ["type"] = "work", ["primary"] = true }),
            ["active"] = true,
            ["externalId"] = ScimManagedMarker.For(change.UserKey),
        };
        if (mapping == ScimRoleMapping.Roles)
        {
            user["roles"] = Roles(role);
        }

        foreach (var (path, value) in change.Attributes ?? new Dictionary<string, string?>())
        {
            ScimMappedAttribute.Parse(path).Write(user, value);
        }

        return user;
    }

    /// <summary>The roles attribute holding one native role.</summary>
    public static JsonArray Roles(string role) => new(new JsonObject { ["value"] = role, ["primary"] = true });
}
