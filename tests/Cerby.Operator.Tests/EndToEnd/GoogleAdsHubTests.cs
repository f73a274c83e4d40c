using Cerby.Emulators.GoogleAds;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// A googleAds hub end to end (kubectl → API server → operator → Google Ads emulator): a team member is invited, holds a
/// seat once the invitation is accepted, changes role by moving groups, and is removed on leaving; a hand-added user is
/// reported as drift.
/// </summary>
public sealed class GoogleAdsHubTests : EndToEndTest
{
    private const string Ns = "e2e-gads";
    private const string Hub = "google-ads";

    [Fact]
    public async Task A_google_ads_invite_becomes_a_seat_whose_role_follows_the_groups_and_leaving_removes_it()
    {
        await using var ads = await GoogleAdsEmulator.StartAsync();
        var account = ads.Account;
        account.SeedUser("mallory@acme.test", "ADMIN"); // added by hand in Google Ads: drift
        var org = Sandbox.Org;
        var marketing = org.CreateGroup("Marketing");
        var leads = org.CreateGroup("MarketingLeads");
        var lee = org.CreateUser("lee@acme.test");
        org.AddToGroup(marketing, lee);

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + HubManifest(ads)
            + OperatorSandbox.Binding(Ns, "marketing", "Marketing") + OperatorSandbox.Binding(Ns, "leads", "MarketingLeads")
            + OperatorSandbox.Share(Ns, "marketing", "Editor", team: "marketing", hub: Hub)
            + OperatorSandbox.Share(Ns, "leads", "Admin", team: "leads", hub: Hub));

        // Join: Google Ads adds people only by invitation.
        var hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingInvites == 1 && h.Status.Drift?.Count == 1 && Synced(h), "lee invited, mallory reported", Hub);
        Assert.Equal(("STANDARD", "PENDING"), account.InvitationsOf("lee@acme.test") is [var invitation] ? (invitation.AccessRole, invitation.Status) : default);
        Assert.Contains(hub.Status!.Drift!.Entries, e => e.Contains("mallory@acme.test", StringComparison.Ordinal));
        Assert.Equal("ADMIN", account.UserByEmail("mallory@acme.test")?.AccessRole);
        await WaitForEventAsync(Ns, "UserInvited", "lee@acme.test", "Editor");

        // Lee accepts; "check for updates" reads the account again at once.
        account.AcceptInvitation("lee@acme.test");
        await Sandbox.KubectlAsync("annotate", "businesshub", Hub, "-n", Ns, $"{Annotations.RequestSync}=accepted", "--overwrite");
        await Sandbox.WaitForHubAsync(Ns, h => h.Status?.PendingInvites == 0 && h.Status.MembersByRole.GetValueOrDefault("Editor") == 1 && Synced(h), "lee holds a seat", Hub);

        // Moving to the leads group raises lee to ADMIN; leaving every group removes the access.
        org.AddToGroup(leads, lee);
        org.RemoveFromGroup(marketing, lee);
        await Eventually.TrueAsync(() => account.UserByEmail("lee@acme.test")?.AccessRole == "ADMIN", "lee raised to ADMIN", TimeSpan.FromSeconds(30));
        org.RemoveFromGroup(leads, lee);
        await Eventually.TrueAsync(() => account.UserByEmail("lee@acme.test") is null, "lee's access removed", TimeSpan.FromSeconds(30));
        Assert.NotNull(account.UserByEmail("mallory@acme.test")); // drift is reported, not corrected
    }

    private static string HubManifest(GoogleAdsEmulator ads) => $$"""
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: google-ads
          namespace: {{Ns}}
        data:
          token: {{OperatorSandbox.Base64(ads.AccessToken)}}
          developerToken: {{OperatorSandbox.Base64(ads.DeveloperToken)}}
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: BusinessHub
        metadata:
          name: {{Hub}}
          namespace: {{Ns}}
        spec:
          connector: { type: googleAds, baseUrl: "{{ads.BaseUrl.ToString().TrimEnd('/')}}", inviteRequired: true, googleAds: { customerId: "{{ads.Account.CustomerId}}" }, credentialsSecretRef: { name: google-ads } }
          roles:
            - { name: Admin, nativeRole: ADMIN }
            - { name: Editor, nativeRole: STANDARD }
            - { name: Viewer, nativeRole: READ_ONLY }
          policy: { resyncInterval: 30s }

        """;
}
