using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// A member's Business Center role as a hub names it in <c>nativeRole</c>: the <c>user_role</c> (ADMIN or STANDARD),
/// optionally with the finance role after a colon, e.g. <c>STANDARD:ANALYST</c> (reference section 2).
/// </summary>
internal sealed record TikTokRole(string UserRole, string? FinanceRole)
{
    /// <summary>The role's hub name: "ADMIN", "STANDARD:ANALYST".</summary>
    public string Name => FinanceRole is null ? UserRole : $"{UserRole}:{FinanceRole}";

    /// <summary>Parses "USER_ROLE" or "USER_ROLE:FINANCE_ROLE".</summary>
    public static bool TryParse(string? nativeRole, out TikTokRole role)
    {
        role = new TikTokRole("", null);
        if (!TikTokHubRules.IsKnownRole(nativeRole))
        {
            return false;
        }

        var parts = nativeRole!.Split(':');
        role = new TikTokRole(parts[0], parts.Length == 2 ? parts[1] : null);
        return true;
    }

    /// <summary>The role to write; an unknown one is refused before any call.</summary>
    public static TikTokRole Parse(string? nativeRole) => TryParse(nativeRole, out var role)
        ? role
        : throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"\"{nativeRole}\" is not a TikTok Business Center role (ADMIN or STANDARD, optionally :MANAGER or :ANALYST)");
}
