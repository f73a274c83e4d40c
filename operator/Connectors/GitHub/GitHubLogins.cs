using System.Text.RegularExpressions;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>
/// The mapping between the hub's people (keyed by lower-case email) and GitHub logins, which the members API lists
/// without any email: <c>login = local part + suffix</c> for emails of <paramref name="EmailDomain"/>, and back. A member
/// whose login does not follow the rule reads as <c>{login}@users.noreply.github.com</c>, so it shows as drift under a
/// name no IdP user has rather than being matched to the wrong person.
/// </summary>
/// <param name="EmailDomain">The company email domain, e.g. "example.com".</param>
/// <param name="LoginSuffix">What the company appends to logins, e.g. "-acme" (jdoe@example.com ↔ jdoe-acme); empty for none.</param>
internal sealed partial record GitHubLogins(string EmailDomain, string LoginSuffix = "")
{
    /// <summary>The domain of the keys given to members whose login does not follow the rule.</summary>
    public const string UnmappedDomain = "users.noreply.github.com";

    /// <summary>The login of <paramref name="email"/>, or null when the email is outside the domain or makes no valid login.</summary>
    public string? LoginOf(string email)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0 || !string.Equals(email[(at + 1)..], EmailDomain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var login = (email[..at] + LoginSuffix).ToLowerInvariant();
        return login.Length <= 39 && ValidLogin().IsMatch(login) ? login : null;
    }

    /// <summary>The member key (lower-case email) of <paramref name="login"/>.</summary>
    public string KeyOf(string login)
    {
        var lower = login.ToLowerInvariant();
        var suffix = LoginSuffix.ToLowerInvariant();
        return lower.EndsWith(suffix, StringComparison.Ordinal) && lower.Length > suffix.Length
            ? $"{lower[..^suffix.Length]}@{EmailDomain.ToLowerInvariant()}"
            : $"{lower}@{UnmappedDomain}";
    }

    /// <summary>The login a change is about: the app's id when the planner passed one, else the email's login; a clear refusal otherwise.</summary>
    public string Require(string email, string? appUserId) =>
        appUserId ?? LoginOf(email) ?? throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"{email} has no GitHub login under the hub's rule (emails of {EmailDomain}, login = local part + \"{LoginSuffix}\", letters, digits and single hyphens)");

    [GeneratedRegex("^[a-z0-9](?:-?[a-z0-9])*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidLogin();
}
