using Cerby.Operator.Resources;

namespace Cerby.Operator.Tests.EndToEnd;

/// <summary>A hub that cannot sync says why in its conditions and Events, changes nothing, and recovers by itself.</summary>
public sealed class HubFailureTests : EndToEndTest
{
    private const string Ns = "e2e-failures";

    [Fact]
    public async Task A_missing_credentials_secret_is_reported_and_the_hub_syncs_once_it_exists()
    {
        var org = Sandbox.Org;
        org.AddToGroup(org.CreateGroup("Ops"), org.CreateUser("amy@acme.test"));
        var manifests = Sandbox.Basics(Ns) + OperatorSandbox.Binding(Ns, "ops", "Ops") + OperatorSandbox.Share(Ns, "ops", "Viewer", team: "ops");
        var withoutScimSecret = string.Join("---", manifests.Split("---").Where(doc => !doc.Contains("name: scim-token\n  namespace", StringComparison.Ordinal)));
        await Sandbox.ApplyAsync(withoutScimSecret);

        var hub = await Sandbox.WaitForHubAsync(Ns, h => Reason(h, "Ready") == "CredentialsMissing", "Ready=False CredentialsMissing");
        Assert.Contains("scim-token", hub.Status!.Conditions.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
        await WaitForEventAsync(Ns, "CredentialsMissing", "scim-token");
        Assert.Empty(await Sandbox.ScimSeatsAsync());

        await Sandbox.ApplyAsync(manifests); // the Secret appears; the hub retries on its own
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("amy@acme.test"), "amy provisioned once the Secret exists", TimeSpan.FromSeconds(60));
        await Sandbox.WaitForHubAsync(Ns, h => Is(h, "Ready", ConditionStatus.True), "Ready again");
    }

    [Fact]
    public async Task An_app_that_fails_to_answer_is_reported_and_nobody_is_removed_meanwhile()
    {
        var org = Sandbox.Org;
        var group = org.CreateGroup("Sales");
        var (ben, cat) = (org.CreateUser("ben@acme.test"), org.CreateUser("cat@acme.test"));
        org.AddToGroup(group, ben);
        org.AddToGroup(group, cat);
        await Sandbox.ApplyAsync(Sandbox.Basics(Ns, hubPolicy: "removalGuard: { maxRemovalsPercent: 100 }")
            + OperatorSandbox.Binding(Ns, "sales", "Sales") + OperatorSandbox.Share(Ns, "sales", "Editor", team: "sales"));
        await Sandbox.WaitForSeatsAsync(s => s.Count == 2, "two seats");

        // The app answers 500 to every attempt of one read (the connector tries four times); a sync is forced meanwhile.
        await Sandbox.FailScimAsync(times: 4);
        await Sandbox.KubectlAsync("annotate", "businesshub", OperatorSandbox.ScimHub, "-n", Ns, $"{Annotations.RequestSync}=while-failing", "--overwrite");
        // (Ready=False AppReadFailed lasts only until the next sync succeeds, so the Event is what is checked.)
        await WaitForEventAsync(Ns, "AppReadFailed", "Unavailable", "nothing was changed");
        Assert.Contains($"cerby_connector_errors_total{{namespace=\"{Ns}\",hub=\"scim-app\",connector=\"scim\",kind=\"Unavailable\"}}", await Sandbox.MetricsAsync(), StringComparison.Ordinal);

        Assert.Equal(2, (await Sandbox.ScimSeatsAsync()).Count);

        // The app answers again: the next sync converges (cat left meanwhile).
        org.RemoveFromGroup(group, cat);
        await Sandbox.WaitForSeatsAsync(s => s.ContainsKey("ben@acme.test") && !s.ContainsKey("cat@acme.test"), "the hub converged after the app recovered", TimeSpan.FromSeconds(60));
        await Sandbox.WaitForHubAsync(Ns, h => Is(h, "Ready", ConditionStatus.True), "Ready again", deadline: TimeSpan.FromSeconds(60));
    }
}
