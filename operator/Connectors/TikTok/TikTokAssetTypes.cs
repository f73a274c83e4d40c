using Cerby.Operator.Resources;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// The assets a TikTok hub manages and the asset role each takes (reference section 2): ad accounts are
/// <c>ADVERTISER</c> with an <c>advertiser_role</c>, catalogs are <c>CATALOG</c> with a <c>catalog_role</c>.
/// A hub role's <c>assetTasks</c> name the asset role; the one that fits the asset's type is written.
/// </summary>
internal static class TikTokAssetTypes
{
    private static readonly string[] AdvertiserRoles = ["ADMIN", "OPERATOR", "ANALYST"];
    private static readonly string[] CatalogRoles = ["ADMIN", "AD_PROMOTE"];

    /// <summary>Every asset role name a hub may use in <c>assetTasks</c>.</summary>
    public static IReadOnlyList<string> AllRoles { get; } = [.. AdvertiserRoles.Union(CatalogRoles)];

    /// <summary>Whether the connector manages this kind of asset.</summary>
    public static bool IsSupported(AssetKind kind) => kind is AssetKind.AdAccount or AssetKind.Catalog;

    /// <summary>The wire <c>asset_type</c>.</summary>
    public static string AssetType(AssetKind kind) => kind switch
    {
        AssetKind.AdAccount => "ADVERTISER",
        AssetKind.Catalog => "CATALOG",
        _ => throw Unsupported(kind),
    };

    /// <summary>The body and list field holding the asset role.</summary>
    public static string RoleField(AssetKind kind) => kind switch
    {
        AssetKind.AdAccount => "advertiser_role",
        AssetKind.Catalog => "catalog_role",
        _ => throw Unsupported(kind),
    };

    /// <summary>The roles an asset of this kind accepts, most privileged first.</summary>
    public static IReadOnlyList<string> RolesOf(AssetKind kind) => kind switch
    {
        AssetKind.AdAccount => AdvertiserRoles,
        AssetKind.Catalog => CatalogRoles,
        _ => throw Unsupported(kind),
    };

    /// <summary>Of the granted tasks, the most privileged role that fits the asset; refused when none fits.</summary>
    public static string RoleFor(AssetKind kind, IReadOnlyList<string> tasks, string assetName) =>
        RolesOf(kind).FirstOrDefault(r => tasks.Contains(r, StringComparer.Ordinal))
        ?? throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"none of the asset tasks [{string.Join(", ", tasks)}] is a TikTok role for {assetName} ({string.Join(", ", RolesOf(kind))})");

    /// <summary>The tasks a read reports for <paramref name="role"/> on an asset of <paramref name="kind"/>: the first of <paramref name="roleTasks"/> that writes it, else the role alone.</summary>
    public static IReadOnlyList<string> TasksFor(AssetKind kind, string role, IReadOnlyList<IReadOnlyList<string>> roleTasks) =>
        roleTasks.FirstOrDefault(tasks => RolesOf(kind).FirstOrDefault(r => tasks.Contains(r, StringComparer.Ordinal)) == role) is { } list
            ? [.. list.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [role];

    private static ConnectorException Unsupported(AssetKind kind) =>
        new(ConnectorErrorKind.Rejected, $"the TikTok connector manages ad accounts and catalogs only, not {kind}");
}
