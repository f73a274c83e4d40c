using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cerby.KubeApiServer.Validation;

namespace Cerby.KubeApiServer.Semantics;

/// <summary>Object name rules: RFC 1123 subdomains (what CRs, Secrets, Leases accept), and generateName suffixes.</summary>
internal static partial class ObjectNames
{
    public static FieldError? Check(string name) =>
        name.Length <= 253 && Subdomain().IsMatch(name)
            ? null
            : FieldError.Invalid("metadata.name", name,
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
                "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
                "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");

    /// <summary>A name from <c>generateName</c>: the prefix and five random lowercase alphanumerics.</summary>
    public static string Generate(string prefix) =>
        prefix + new string(Enumerable.Range(0, 5).Select(_ => "bcdfghjklmnpqrstvwxz2456789"[RandomNumberGenerator.GetInt32(27)]).ToArray());

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
