using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// The attributes of the served schemas: all of RFC 7643's core User (§4.1), Group (§4.2) and enterprise User
/// extension (§4.3), since the store keeps whatever of them an IdP sends (only id, meta and password are dropped),
/// plus externalId. Descriptions follow the RFC's.
/// </summary>
internal static class ScimSchemaDefinitions
{
    private static readonly ScimSchemaAttribute ExternalId = new(
        "externalId", "An identifier for the resource as defined by the provisioning client (Okta's or Entra's own id).", CaseExact: true);

    public static IReadOnlyList<ScimSchemaAttribute> User { get; } =
    [
        new("userName", "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Unique among users, case-insensitively.", Required: true, Uniqueness: "server"),
        ScimSchemaAttribute.Complex("name", "The components of the user's real name.", multiValued: false, subAttributes:
        [
            new("formatted", "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display."),
            new("familyName", "The family name of the User, or last name in most Western languages."),
            new("givenName", "The given name of the User, or first name in most Western languages."),
            new("middleName", "The middle name(s) of the User."),
            new("honorificPrefix", "The honorific prefix(es) of the User, or title in most Western languages."),
            new("honorificSuffix", "The honorific suffix(es) of the User, or suffix in most Western languages."),
        ]),
        new("displayName", "The name of the User, suitable for display to end-users."),
        new("nickName", "The casual way to address the user in real life."),
        new("profileUrl", "A fully qualified URL pointing to a page representing the User's online profile.", "reference", ReferenceTypes: ["external"]),
        new("title", "The user's title, such as \"Vice President\"."),
        new("userType", "Used to identify the relationship between the organization and the user, e.g. Employee or Contractor."),
        new("preferredLanguage", "The User's preferred written or spoken language (RFC 7231 Accept-Language format)."),
        new("locale", "The User's default location for localizing items such as currency and dates (e.g. en-US)."),
        new("timezone", "The User's time zone in the \"Olson\" time zone database format, e.g. America/Los_Angeles."),
        new("active", "The User's administrative status: false deactivates the user, who then holds no access through any share.", "boolean"),
        ScimSchemaAttribute.MultiValuedList("emails", "Email addresses for the user; the primary one is how app members are matched.", "Email address for the user.", "string", "work", "home", "other"),
        ScimSchemaAttribute.MultiValuedList("phoneNumbers", "Phone numbers for the User.", "Phone number of the User.", "string", "work", "home", "mobile", "fax", "pager", "other"),
        ScimSchemaAttribute.MultiValuedList("ims", "Instant messaging addresses for the User.", "Instant messaging address for the User.", "string", "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
        ScimSchemaAttribute.MultiValuedList("photos", "URLs of photos of the User.", "URL of a photo of the User.", "reference", "photo", "thumbnail"),
        ScimSchemaAttribute.Complex("addresses", "A physical mailing address for this User.", multiValued: true, subAttributes:
        [
            new("formatted", "The full mailing address, formatted for display or use with a mailing label."),
            new("streetAddress", "The full street address component."),
            new("locality", "The city or locality component."),
            new("region", "The state or region component."),
            new("postalCode", "The zip code or postal code component."),
            new("country", "The country name component (ISO 3166-1 alpha-2)."),
            new("type", "A label indicating the attribute's function.", CanonicalValues: ["work", "home", "other"]),
            new("primary", "Whether this is the preferred mailing address.", "boolean"),
        ]),
        ScimSchemaAttribute.Complex("groups", "The groups the user belongs to, directly or through nested groups. Read-only: membership changes on the Group.", multiValued: true, mutability: "readOnly", subAttributes:
        [
            new("value", "The identifier of the User's group.", Mutability: "readOnly"),
            new("$ref", "The URI of the corresponding Group resource.", "reference", Mutability: "readOnly", ReferenceTypes: ["Group"]),
            new("display", "A human-readable name, primarily used for display purposes.", Mutability: "readOnly"),
            new("type", "A label indicating the attribute's function, e.g. direct or indirect.", Mutability: "readOnly", CanonicalValues: ["direct", "indirect"]),
        ]),
        ScimSchemaAttribute.MultiValuedList("entitlements", "A list of entitlements for the User that represent a thing the User has.", "The value of an entitlement."),
        ScimSchemaAttribute.MultiValuedList("roles", "A list of roles for the User that collectively represent who the User is, e.g. Student or Faculty.", "The value of a role."),
        ScimSchemaAttribute.MultiValuedList("x509Certificates", "A list of certificates issued to the User.", "The value of an X.509 certificate.", "binary"),
        ExternalId,
    ];

    public static IReadOnlyList<ScimSchemaAttribute> Group { get; } =
    [
        new("displayName", "A human-readable name for the Group, unique among groups case-insensitively; bindings may name the group by it.", Required: true, Uniqueness: "server"),
        ScimSchemaAttribute.Complex("members", "A list of members of the Group.", multiValued: true, subAttributes:
        [
            new("value", "Identifier of the member of this Group (the id of a User pushed here).", Mutability: "immutable"),
            new("$ref", "The URI corresponding to a SCIM resource that is a member of this Group.", "reference", Mutability: "immutable", ReferenceTypes: ["User", "Group"]),
            new("display", "A human-readable name, primarily used for display purposes.", Mutability: "immutable"),
            new("type", "A label indicating the type of resource, e.g. User or Group.", Mutability: "immutable", CanonicalValues: ["User", "Group"]),
        ]),
        ExternalId with { Description = ExternalId.Description + " Unique among groups: bindings may name the group by it.", Uniqueness = "server" },
    ];

    public static IReadOnlyList<ScimSchemaAttribute> EnterpriseUser { get; } =
    [
        new("employeeNumber", "Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization."),
        new("costCenter", "Identifies the name of a cost center."),
        new("organization", "Identifies the name of an organization."),
        new("division", "Identifies the name of a division."),
        new("department", "Identifies the name of a department."),
        ScimSchemaAttribute.Complex("manager", "The User's manager.", multiValued: false, subAttributes:
        [
            new("value", "The id of the SCIM resource representing the User's manager."),
            new("$ref", "The URI of the SCIM resource representing the User's manager.", "reference", ReferenceTypes: ["User"]),
            new("displayName", "The displayName of the User's manager.", Mutability: "readOnly"),
        ]),
    ];
}
