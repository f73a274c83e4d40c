namespace Cerby.Operator.Tests.Identity.Scim;

/// <summary>The request bodies Okta's and Entra's SCIM clients send (shapes from the reference note, docs and captures).</summary>
internal static class ScimRequests
{
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <summary>Okta's POST /Users: profile, emails, locale, externalId, empty groups, password, active.</summary>
    public static string OktaCreateUser(string login, string given, string family, string externalId) => $$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{login}}",
         "name":{"givenName":"{{given}}","familyName":"{{family}}"},
         "emails":[{"primary":true,"value":"{{login}}","type":"work"}],
         "displayName":"{{given}} {{family}}","locale":"en-US","externalId":"{{externalId}}","groups":[],
         "password":"Okta-Generated-Pa55!","active":true}
        """;

    /// <summary>Okta's PUT /Users/{id}: the whole user again (a profile update, or active false).</summary>
    public static string OktaPutUser(string id, string login, string given, string family, string externalId, bool active) => $$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"{{id}}","userName":"{{login}}",
         "name":{"givenName":"{{given}}","familyName":"{{family}}"},
         "emails":[{"primary":true,"value":"{{login}}","type":"work"}],
         "displayName":"{{given}} {{family}}","locale":"en-US","externalId":"{{externalId}}","groups":[],
         "active":{{(active ? "true" : "false")}}}
        """;

    /// <summary>Okta's deactivate (and, with true, reactivate): replace with no path and a value object.</summary>
    public static string OktaSetActive(bool active) => $$"""
        {"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","value":{"active":{{(active ? "true" : "false")}} } } ]}
        """;

    /// <summary>Group Push: POST /Groups with no members yet.</summary>
    public static string OktaCreateGroup(string name) => $$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{name}}","members":[]}
        """;

    /// <summary>Group Push membership update: removals by value filter, then additions with display.</summary>
    public static string OktaGroupMembers(IEnumerable<string> remove, IEnumerable<(string Id, string Display)> add)
    {
        var operations = remove.Select(id => $$"""{"op":"remove","path":"members[value eq \"{{id}}\"]"}""").ToList();
        var added = add.ToList();
        if (added.Count > 0)
        {
            operations.Add($$"""{"op":"add","path":"members","value":[{{string.Join(",", added.Select(a => $$"""{"value":"{{a.Id}}","display":"{{a.Display}}"}"""))}}]}""");
        }

        return $$"""{"schemas":["{{PatchOp}}"],"Operations":[{{string.Join(",", operations)}}]}""";
    }

    /// <summary>Group Push rename: replace with the group's id and new displayName in the value.</summary>
    public static string OktaRenameGroup(string groupId, string name) => $$"""
        {"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","value":{"id":"{{groupId}}","displayName":"{{name}}"} } ]}
        """;

    /// <summary>Entra's POST /Users: externalId (object id), userName (UPN), active, name, emails, enterprise extension.</summary>
    public static string EntraCreateUser(string upn, string objectId, string department) => $$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","{{Enterprise}}"],
         "externalId":"{{objectId}}","userName":"{{upn}}","active":true,"displayName":"{{upn.Split('@')[0]}}",
         "emails":[{"primary":true,"type":"work","value":"{{upn}}"}],"meta":{"resourceType":"User"},
         "name":{"formatted":"{{upn.Split('@')[0]}} Example","familyName":"Example","givenName":"{{upn.Split('@')[0]}}"},
         "{{Enterprise}}":{"department":"{{department}}"} }
        """;

    /// <summary>Entra's legacy disable: capitalised op and the boolean as a string.</summary>
    public static string EntraLegacySetActive(string value) => $$"""
        {"schemas":["{{PatchOp}}"],"Operations":[{"op":"Replace","path":"active","value":"{{value}}"}]}
        """;

    /// <summary>Entra's compliant (aadOptscim062020) update: one replace whose value is keyed by paths.</summary>
    public static string EntraCompliantReplace(string givenName, string department) => $$"""
        {"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","value":{"name.givenName":"{{givenName}}","{{Enterprise}}:department":"{{department}}"} } ]}
        """;

    /// <summary>Entra's POST /Groups: the ADSCIM schema, externalId (object id), displayName, no members.</summary>
    public static string EntraCreateGroup(string name, string objectId) => $$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
         "externalId":"{{objectId}}","displayName":"{{name}}","meta":{"resourceType":"Group"} }
        """;

    /// <summary>Entra's member addition: capitalised Add, path members, $ref null.</summary>
    public static string EntraAddMembers(params string[] ids) => $$"""
        {"schemas":["{{PatchOp}}"],"Operations":[{"op":"Add","path":"members","value":[{{string.Join(",", ids.Select(id => $$"""{"$ref":null,"value":"{{id}}"}"""))}}]}]}
        """;

    /// <summary>Entra's legacy member removal: path members with a value array.</summary>
    public static string EntraLegacyRemoveMembers(params string[] ids) => $$"""
        {"schemas":["{{PatchOp}}"],"Operations":[{"op":"Remove","path":"members","value":[{{string.Join(",", ids.Select(id => $$"""{"value":"{{id}}"}"""))}}]}]}
        """;

    /// <summary>Entra's compliant member removal: a members[value eq "…"] path.</summary>
    public static string EntraRemoveMember(string id) => $$"""
        {"schemas":["{{PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{id}}\"]"}]}
        """;

    public static string Filter(string attribute, string value) => "filter=" + Uri.EscapeDataString($"{attribute} eq \"{value}\"");
}
