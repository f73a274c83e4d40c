namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// A SCIM request a service provider refuses, answered with an RFC 7644 §3.12 error body (<see cref="ScimError"/>). <see cref="ScimType"/> is set only where
/// the RFC defines one (400 and 409 cases). The detail names attributes and values from the request, never credentials.
/// </summary>
internal sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string? ScimType { get; } = scimType;

    public static ScimException InvalidFilter(string detail) => new(400, "invalidFilter", detail);

    public static ScimException InvalidPath(string detail) => new(400, "invalidPath", detail);

    public static ScimException InvalidValue(string detail) => new(400, "invalidValue", detail);

    public static ScimException InvalidSyntax(string detail) => new(400, "invalidSyntax", detail);

    public static ScimException NoTarget(string detail) => new(400, "noTarget", detail);

    public static ScimException Mutability(string detail) => new(400, "mutability", detail);

    public static ScimException Uniqueness(string detail) => new(409, "uniqueness", detail);

    public static ScimException NotFound(string detail) => new(404, null, detail);
}
