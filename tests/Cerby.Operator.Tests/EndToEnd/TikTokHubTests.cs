using Cerby.Emulators.TikTok;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// A TikTok Business Center hub end to end (kubectl → operator → TikTok emulator): joining the Okta group invites,
/// accepting gives the seat its ad-account role, moving groups changes both roles, leaving removes, and a member made by
/// hand is reported as drift.
/// </summary>
public sealed class TikTokHubTests : EndToEndTest
{
    private const string Ns = "e2e-tiktok";
    private const string Hub = "tiktok";
    private const string AdvertiserId = "7200000000000000042";

    [Fact]
    public async Task A_tiktok_member_is_invited_seated_with_an_ad_account_moved_to_admin_then_removed_and_drift_is_reported()
    {
        await using var tiktok = await TikTokEmulator.StartAsync();
        var bc = tiktok.BusinessCenter;
        bc.SeedAsset("ADVERTISER", AdvertiserId);
        bc.SeedMember("mallory@acme.test", "ADMIN"); // made by hand in TikTok, justified by no share
        var org = Sandbox.Org;
        var analysts = org.CreateGroup("Ads");
        var admins = org.CreateGroup("Ads Admins");
        var lee = org.CreateUser("lee@acme.test");
        org.AddToGroup(analysts, lee);

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + Manifest(tiktok)
            + OperatorSandbox.Binding(Ns, "ads", "Ads") + OperatorSandbox.Binding(Ns, "ads-admins", "Ads Admins")
            + OperatorSandbox.Share(Ns, "ads", "Analyst", team: "ads", hub: Hub, assets: $"[{{ kind: adAccount, id: \"{AdvertiserId}\" }}]")
            + OperatorSandbox.Share(Ns, "ads-admins", "Admin", team: "ads-admins", hub: Hub, assets: $"[{{ kind: adAccount, id: \"{AdvertiserId}\" }}]"));

        // Join → invite, pending until accepted.
        await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingInvites == 1 && Synced(h), "one pending invite", Hub);
        Assert.Equal(("PENDING", "STANDARD", "ANALYST"), (bc.MemberByEmail("lee@acme.test")?.Status, bc.MemberByEmail("lee@acme.test")?.UserRole, bc.MemberByEmail("lee@acme.test")?.FinanceRole));
        await WaitForEventAsync(Ns, "UserInvited", "lee@acme.test", "Analyst");

        // The hand-made admin is reported, not removed (report mode).
        var drifted = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.Drift?.Entries.Any(e => e.Contains("mallory@acme.test", StringComparison.Ordinal)) == true, "mallory reported as drift", Hub);
        Assert.True(Is(drifted, "Drifted", ConditionStatus.True));
        Assert.NotNull(bc.MemberByEmail("mallory@acme.test"));

        // Accepted → the seat gets its ad-account role.
        bc.AcceptInvite("lee@acme.test");
        await Sandbox.KubectlAsync("annotate", "businesshub", Hub, "-n", Ns, $"{Annotations.RequestSync}=accepted", "--overwrite");
        var leeId = bc.MemberByEmail("lee@acme.test")!.UserId!;
        await Eventually.TrueAsync(() => bc.AssetRole("ADVERTISER", AdvertiserId, leeId) == "ANALYST", "lee's ad account granted as ANALYST", TimeSpan.FromSeconds(30));
        await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingInvites == 0 && h.Status.MembersByRole.GetValueOrDefault("Analyst") == 1 && Synced(h), "lee holds a seat", Hub);

        // Moving groups raises the Business Center role and the ad-account role.
        org.AddToGroup(admins, lee);
        org.RemoveFromGroup(analysts, lee);
        await Eventually.TrueAsync(() => bc.MemberByEmail("lee@acme.test") is { UserRole: "ADMIN", FinanceRole: null } && bc.AssetRole("ADVERTISER", AdvertiserId, leeId) == "ADMIN",
            "lee is ADMIN in the Business Center and on the ad account", TimeSpan.FromSeconds(30));
        await WaitForEventAsync(Ns, "RoleChanged", "lee@acme.test", "Admin");

        // Leaving removes the member.
        org.RemoveFromGroup(admins, lee);
        await Eventually.TrueAsync(() => bc.MemberByEmail("lee@acme.test") is null, "lee removed from the Business Center", TimeSpan.FromSeconds(30));
        Assert.NotNull(bc.MemberByEmail("mallory@acme.test"));
        Assert.All(Sandbox.Logs.Log.Lines, line => Assert.DoesNotContain(tiktok.AccessToken, line, StringComparison.Ordinal));
    }

    private static string Manifest(TikTokEmulator tiktok) => $$"""
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: tiktok-token
          namespace: {{Ns}}
        data:
          token: {{OperatorSandbox.Base64(tiktok.AccessToken)}}
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: BusinessHub
        metadata:
          name: {{Hub}}
          namespace: {{Ns}}
        spec:
          connector: { type: tiktok, baseUrl: "{{tiktok.BaseUrl}}", businessCenterId: "{{tiktok.BusinessCenter.Id}}", inviteRequired: true, credentialsSecretRef: { name: tiktok-token } }
          roles:
            - { name: Admin, nativeRole: ADMIN, assetTasks: [ADMIN] }
            - { name: Analyst, nativeRole: "STANDARD:ANALYST", assetTasks: [ANALYST] }
          policy: { resyncInterval: 30s }

        """;
}
