namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// A member's Business Center role as a hub names it in <c>nativeRole</c>: the <c>user_role</c> (ADMIN or STANDARD),
/// optionally with the finance role after a colon, e.g. <c>STANDARD:ANALYST</c> (reference section 2).
/// </summary>
internal sealed record TikTokRole(string UserRole, string? FinanceRole)
{
    /// <summary>The BC-level roles.</summary>
    public static IReadOnlyList<string> UserRoles { get; } = ["ADMIN", "STANDARD"];

    /// <summary>The finance roles (<c>ext_user_role.finance_role</c>).</summary>
    public static IReadOnlyList<string> FinanceRoles { get; } = ["MANAGER", "ANALYST"];

    /// <summary>The role's hub name: "ADMIN", "STANDARD:ANALYST".</summary>
    public string Name => FinanceRole is null ? UserRole : $"{UserRole}:{FinanceRole}";

    /// <summary>Whether <paramref name="nativeRole"/> is a role TikTok knows.</summary>
    public static bool IsKnown(string nativeRole) => TryParse(nativeRole, out _);

    /// <summary>Parses "USER_ROLE" or "USER_ROLE:FINANCE_ROLE".</summary>
    public static bool TryParse(string? nativeRole, out TikTokRole role)
    {
        role = new TikTokRole("", null);
        var parts = (nativeRole ?? "").Split(':');
        if (parts.Length > 2 || !UserRoles.Contains(parts[0], StringComparer.Ordinal)
            || (parts.Length == 2 && !FinanceRoles.Contains(parts[1], StringComparer.Ordinal)))
        {
            return false;
        }

        role = new TikTokRole(parts[0], parts.Length == 2 ? parts[1] : null);
        return true;
    }

    /// <summary>The role to write; an unknown one is refused before any call.</summary>
    public static TikTokRole Parse(string? nativeRole) => TryParse(nativeRole, out var role)
        ? role
        : throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"\"{nativeRole}\" is not a TikTok Business Center role (ADMIN or STANDARD, optionally :MANAGER or :ANALYST)");
}
