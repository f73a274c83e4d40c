namespace Cerby.Operator.Resources.Validation;

/// <summary>
/// What a hub of type tiktok must declare: its Business Center, native roles TikTok knows (the Business Center role
/// ADMIN or STANDARD, optionally with a finance role after a colon, e.g. STANDARD:ANALYST), asset roles TikTok knows as
/// assetTasks, and shares of ad accounts and catalogs only.
/// </summary>
public static class TikTokHubRules
{
    /// <summary>Business Center roles (<c>user_role</c>).</summary>
    public static IReadOnlyList<string> UserRoles { get; } = ["ADMIN", "STANDARD"];

    /// <summary>Finance roles (<c>ext_user_role.finance_role</c>).</summary>
    public static IReadOnlyList<string> FinanceRoles { get; } = ["MANAGER", "ANALYST"];

    /// <summary>Asset roles: <c>advertiser_role</c> ADMIN, OPERATOR, ANALYST; <c>catalog_role</c> ADMIN, AD_PROMOTE.</summary>
    public static IReadOnlyList<string> AssetRoles { get; } = ["ADMIN", "OPERATOR", "ANALYST", "AD_PROMOTE"];

    /// <summary>Whether <paramref name="nativeRole"/> is "USER_ROLE" or "USER_ROLE:FINANCE_ROLE" with known names.</summary>
    public static bool IsKnownRole(string? nativeRole)
    {
        var parts = (nativeRole ?? "").Split(':');
        return parts.Length <= 2 && UserRoles.Contains(parts[0], StringComparer.Ordinal)
            && (parts.Length == 1 || FinanceRoles.Contains(parts[1], StringComparer.Ordinal));
    }

    /// <summary>Problems of a tiktok hub on its own; none for other types.</summary>
    public static IEnumerable<ValidationProblem> HubProblems(BusinessHub hub, string key)
    {
        if (hub.Spec.Connector.Type != ConnectorType.TikTok)
        {
            yield break;
        }

        if (string.IsNullOrEmpty(hub.Spec.Connector.BusinessCenterId))
        {
            yield return new("BusinessHub", key, "spec.connector.businessCenterId", "a tiktok connector needs businessCenterId");
        }

        for (var i = 0; i < hub.Spec.Roles.Count; i++)
        {
            var role = hub.Spec.Roles[i];
            if (!IsKnownRole(role.NativeRole))
            {
                yield return new("BusinessHub", key, $"spec.roles[{i}].nativeRole",
                    $"\"{role.NativeRole}\" is not a TikTok Business Center role: ADMIN or STANDARD, optionally with :MANAGER or :ANALYST");
            }

            foreach (var task in role.AssetTasks.Where(t => !AssetRoles.Contains(t, StringComparer.Ordinal)))
            {
                yield return new("BusinessHub", key, $"spec.roles[{i}].assetTasks",
                    $"\"{task}\" is not a TikTok asset role ({string.Join(", ", AssetRoles)})");
            }
        }
    }

    /// <summary>Problems of a share of a tiktok hub: only ad accounts and catalogs can be shared.</summary>
    public static IEnumerable<ValidationProblem> ShareProblems(TeamShare share, BusinessHub hub, string key) =>
        hub.Spec.Connector.Type != ConnectorType.TikTok
            ? []
            : share.Spec.Assets.Select((a, i) => (a, i)).Where(x => x.a.Kind is not (AssetKind.AdAccount or AssetKind.Catalog))
                .Select(x => new ValidationProblem("TeamShare", key, $"spec.assets[{x.i}].kind", $"a TikTok Business Center shares ad accounts and catalogs, not {x.a.Kind}"));
}
