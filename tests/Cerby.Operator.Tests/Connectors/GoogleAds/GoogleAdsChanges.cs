using Cerby.Operator.Planning;

namespace Cerby.Operator.Tests.Connectors.GoogleAds;

/// <summary>Planned changes as the planner makes them for a Google Ads hub.</summary>
internal static class GoogleAdsChanges
{
    public static AccessChange Of(AccessChangeKind kind, string email, string? role, string? appUserId = null) =>
        new(kind, email.ToLowerInvariant(), email, null, null, "google ads test", NativeRole: role, AppUserId: appUserId);

    public static AccessChange Invite(string email, string role) => Of(AccessChangeKind.Invite, email, role);
}
