using Cerby.Operator.Planning;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>Planned changes as the planner hands them to the Meta connector.</summary>
internal static class MetaChanges
{
    public static AssetRef Page { get; } = new(AssetKind.Page, MetaConnectorFixture.PageId);

    public static AssetRef AdAccount { get; } = new(AssetKind.AdAccount, MetaConnectorFixture.AdAccountId);

    public static AccessChange Invite(string email, string role = "EMPLOYEE", string? inviteId = null) =>
        Change(AccessChangeKind.Invite, email, inviteId) with { NativeRole = role };

    public static AccessChange Add(string email, string role = "EMPLOYEE", string? userId = null) =>
        Change(AccessChangeKind.Add, email, userId) with { NativeRole = role };

    public static AccessChange SetRole(AccessChangeKind kind, string email, string id, string role) =>
        Change(kind, email, id) with { NativeRole = role };

    public static AccessChange Grant(string email, string? userId, AssetRef asset, params string[] tasks) =>
        Change(AccessChangeKind.GrantAsset, email, userId) with { Asset = asset, Tasks = tasks };

    public static AccessChange Narrow(string email, string userId, AssetRef asset, params string[] tasks) =>
        Change(AccessChangeKind.RevokeAsset, email, userId) with { Asset = asset, Tasks = tasks };

    public static AccessChange Revoke(string email, string userId, AssetRef asset) =>
        Change(AccessChangeKind.RevokeAsset, email, userId) with { Asset = asset };

    public static AccessChange Change(AccessChangeKind kind, string email, string? appUserId) =>
        new(kind, email.ToLowerInvariant(), email, null, null, "test", AppUserId: appUserId);
}
