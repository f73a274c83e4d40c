using Cerby.Emulators.LinkedIn;
using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>
/// A LinkedIn ad account as a business hub, through kubectl, the operator and the LinkedIn emulator: a person joins
/// and is added by the person URN the hub declares (no invitation), moves groups and changes role, leaves and is
/// removed, and a user someone added by hand is reported as drift under their URN.
/// </summary>
public sealed class LinkedInHubTests : EndToEndTest
{
    private const string Ns = "e2e-linkedin";
    private const string Hub = "linkedin";
    private const string Maya = "urn:li:person:Maya01x";

    [Fact]
    public async Task A_person_is_added_by_declared_urn_changes_role_by_moving_groups_is_removed_on_leaving_and_a_hand_added_user_is_drift()
    {
        await using var linkedIn = await LinkedInEmulator.StartAsync();
        linkedIn.Account.RegisterMember(Maya);
        var org = Sandbox.Org;
        var (marketers, leads) = (org.CreateGroup("Marketers"), org.CreateGroup("Ad Leads"));
        var maya = org.CreateUser("maya@acme.test");
        org.AddToGroup(marketers, maya);

        await Sandbox.ApplyAsync(Sandbox.Basics(Ns) + HubManifest(linkedIn)
            + OperatorSandbox.Binding(Ns, "marketers", "Marketers")
            + OperatorSandbox.Binding(Ns, "ad-leads", "Ad Leads")
            + OperatorSandbox.Share(Ns, "marketers", "Viewer", team: "marketers", hub: Hub)
            + OperatorSandbox.Share(Ns, "ad-leads", "Manager", team: "ad-leads", hub: Hub));

        // Join: added straight away under the declared person URN.
        await Eventually.TrueAsync(() => linkedIn.Account.Get(Maya)?.Role == "VIEWER", "maya added as VIEWER", TimeSpan.FromSeconds(30));
        await WaitForEventAsync(Ns, "UserProvisioned", "maya@acme.test");

        // Move groups: the role changes in place.
        org.AddToGroup(leads, maya);
        org.RemoveFromGroup(marketers, maya);
        await Eventually.TrueAsync(() => linkedIn.Account.Get(Maya)?.Role == "ACCOUNT_MANAGER", "maya raised to ACCOUNT_MANAGER", TimeSpan.FromSeconds(30));
        await WaitForEventAsync(Ns, "RoleChanged", "maya@acme.test", "Viewer → Manager");

        // Leave: removed (LinkedIn cannot mark who added her; the hub's ledger remembers).
        org.RemoveFromGroup(leads, maya);
        await Eventually.TrueAsync(() => linkedIn.Account.Get(Maya) is null, "maya removed from the ad account", TimeSpan.FromSeconds(30));

        // Someone adds a user in Campaign Manager by hand: reported under the URN, not guessed, not removed.
        linkedIn.Account.Seed("urn:li:person:Stranger9", "CAMPAIGN_MANAGER");
        await Sandbox.KubectlAsync("annotate", "businesshub", Hub, "-n", Ns, $"{Annotations.RequestSync}=check-1", "--overwrite");
        var hub = await Sandbox.WaitForHubAsync(Ns, h => h.Status?.Drift?.Count == 1 && Synced(h), "the hand-added user reported as drift", Hub);
        Assert.Contains(hub.Status!.Drift!.Entries, e => e.Contains("urn:li:person:Stranger9", StringComparison.Ordinal));
        Assert.NotNull(linkedIn.Account.Get("urn:li:person:Stranger9"));
    }

    private static string HubManifest(LinkedInEmulator linkedIn) => $$"""
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: linkedin-token
          namespace: {{Ns}}
        data:
          token: {{OperatorSandbox.Base64(linkedIn.AccessToken)}}
        ---
        apiVersion: access.cerby.io/v1alpha1
        kind: BusinessHub
        metadata:
          name: {{Hub}}
          namespace: {{Ns}}
        spec:
          connector:
            type: linkedin
            baseUrl: "{{linkedIn.BaseUrl.ToString().TrimEnd('/')}}"
            credentialsSecretRef: { name: linkedin-token }
            linkedIn:
              adAccountId: "516986977"
              people:
                - { email: maya@acme.test, personUrn: "{{Maya}}" }
          roles:
            - { name: Manager, nativeRole: ACCOUNT_MANAGER }
            - { name: Viewer, nativeRole: VIEWER }
          policy: { resyncInterval: 30s }

        """;
}
