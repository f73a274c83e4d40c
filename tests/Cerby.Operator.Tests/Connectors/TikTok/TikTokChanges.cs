using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.TikTok;

/// <summary>Planned changes as the planner hands them to the TikTok connector.</summary>
internal static class TikTokChanges
{
    public static AssetRef Advertiser { get; } = new(AssetKind.AdAccount, TikTokConnectorFixture.AdvertiserId);

    public static AssetRef Catalog { get; } = new(AssetKind.Catalog, TikTokConnectorFixture.CatalogId);

    public static AccessChange Invite(string email, string role = "STANDARD") => Change(AccessChangeKind.Invite, email, null) with { NativeRole = role };

    public static AccessChange SetRole(string email, string? id, string role) => Change(AccessChangeKind.RaiseRole, email, id) with { NativeRole = role };

    public static AccessChange Grant(string email, string? id, AssetRef asset, params string[] tasks) =>
        Change(AccessChangeKind.GrantAsset, email, id) with { Asset = asset, Tasks = tasks };

    public static AccessChange Revoke(string email, string id, AssetRef asset) => Change(AccessChangeKind.RevokeAsset, email, id) with { Asset = asset };

    public static AccessChange Change(AccessChangeKind kind, string email, string? appUserId) =>
        new(kind, email.ToLowerInvariant(), email, null, null, "test", AppUserId: appUserId);
}
