namespace Cerby.Operator.Identity.Scim;

/// <summary>The two resource types the endpoint serves.</summary>
internal enum ScimResourceKind
{
    User,
    Group,
}
